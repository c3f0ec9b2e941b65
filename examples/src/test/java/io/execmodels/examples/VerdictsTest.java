package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison's verdicts, from made-up figures. */
class VerdictsTest {

  private static final Traits ONE = new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED,
      Integer.MAX_VALUE);

  private static Result fanOut(String model, long millis) {
    Duration wall = Duration.ofMillis(millis);
    return new Result(model, ONE, new FanOutAggregator(), List.of(new Measured(5050, wall)),
        List.of(Duration.ofMillis(1)), null, null);
  }

  @Test
  void aRealModelIsJudgedAgainstTheFastestRealOneNotTheSimulation() {
    List<Verdicts.Verdict> v = Verdicts.of(List.of(fanOut("sim", 8), fanOut("csp", 58),
        fanOut("eventloop", 57), fanOut("gil-threads", 200)));
    assertThat(v).filteredOn(x -> x.model().equals("csp")).singleElement()
        .satisfies(x -> assertThat(x.io()).startsWith("yes").contains("best 57.0 ms"));
    assertThat(v).filteredOn(x -> x.model().equals("gil-threads")).singleElement()
        .satisfies(x -> assertThat(x.io()).startsWith("no"));
    assertThat(v).filteredOn(x -> x.model().equals("sim")).singleElement()
        .satisfies(x -> assertThat(x.scales()).contains("simulated"));
  }

  @Test
  void withOnlyTheSimulationItIsItsOwnYardstick() {
    List<Verdicts.Verdict> v = Verdicts.of(List.of(fanOut("sim", 8)));
    assertThat(v).singleElement().satisfies(x -> assertThat(x.io()).startsWith("yes"));
  }
}
