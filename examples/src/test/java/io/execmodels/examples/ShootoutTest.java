package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ShootoutTest {

  /** A service that answers 41 where 42 is expected: the shootout must not let it pass. */
  private static final DemoService OFF_BY_ONE = new DemoService() {
    @Override
    public String name() {
      return "off-by-one";
    }

    @Override
    public String workload() {
      return "answers 41";
    }

    @Override
    public long expected() {
      return 42;
    }

    @Override
    public long call(Ctx ctx) {
      return 41;
    }
  };

  /** A service that throws. */
  private static final DemoService BROKEN = new DemoService() {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String workload() {
      return "throws";
    }

    @Override
    public long expected() {
      return 0;
    }

    @Override
    public long call(Ctx ctx) {
      throw new IllegalStateException("backend down");
    }
  };

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reportsNoProblemWhenEveryServiceGivesItsExpectedResult() {
    List<DemoService> small = List.of(
        new FanOutAggregator(10, Duration.ofMillis(1)),
        new CpuBatch(2, 1_000),
        new ChannelPipeline(100, 8));

    int problems = Shootout.run(ExecutionModels.available(), small, out);

    assertThat(problems).isZero();
    assertThat(printed()).contains("parallelism", "preemption", "memory");
    for (String model : ExecutionModels.available()) {
      for (DemoService service : small) {
        assertThat(printed()).containsPattern(
            "(?m)^" + model + " +" + service.name() + " .* " + service.expected() + " .* ok$");
      }
    }
  }

  @Test
  void countsAWrongResultAsAProblemAndSaysWhatWasExpected() {
    int problems = Shootout.run(List.of("csp"), List.of(OFF_BY_ONE), out);

    assertThat(problems).isEqualTo(1);
    assertThat(printed()).contains("WRONG: expected 42");
  }

  @Test
  void countsAFailedServiceAsAProblemAndGoesOnWithTheNext() {
    int problems = Shootout.run(List.of("csp"), List.of(BROKEN, new ChannelPipeline(10, 1)), out);

    assertThat(problems).isEqualTo(1);
    assertThat(printed()).contains("FAILED:", "backend down");
    assertThat(printed()).containsPattern("(?m)^csp +pipeline .* 385 .* ok$");
  }

  @Test
  void countsAModelThatCannotBeOpenedAsAProblem() {
    int problems = Shootout.run(List.of("no-such-model"), List.of(OFF_BY_ONE), out);

    assertThat(problems).isEqualTo(1);
    assertThat(printed()).contains("unknown execution model 'no-such-model'");
  }

  @Test
  void countsHavingNoModelAtAllAsAProblem() {
    assertThat(Shootout.run(List.of(), Shootout.services(), out)).isEqualTo(1);
  }
}
