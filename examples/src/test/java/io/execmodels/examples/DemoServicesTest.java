package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Stats;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every demo service gives its known result on every available model, at the shootout's sizes and
 * at edge sizes. A hung pipeline fails by the timeout rather than hanging the build.
 */
@Timeout(60)
class DemoServicesTest {

  /** The shootout's services and a few edge sizes, each on every available model. */
  static Stream<Arguments> servicesOnEveryModel() {
    List<DemoService> services = List.of(
        new FanOutAggregator(),
        new FanOutAggregator(0, Duration.ofMillis(10)),
        new FanOutAggregator(1_000, Duration.ZERO),
        new CpuBatch(),
        new CpuBatch(1, 10_000),
        new CpuBatch(7, 3),
        new ChannelPipeline(),
        new ChannelPipeline(0, 4),
        new ChannelPipeline(1_000, 0),
        new ChannelPipeline(1_000, 1),
        new MixedHandler(40, Duration.ofMillis(1), Duration.ofMillis(2), 5, 10_000),
        new MixedHandler(1, Duration.ZERO, Duration.ZERO, 1, 0));
    return ExecutionModels.available().stream()
        .flatMap(model -> services.stream()
            .map(service -> arguments(model, service.name() + " (" + service.workload() + ")",
                service)));
  }

  @Test
  void atLeastCspIsAvailable() {
    assertThat(ExecutionModels.available()).contains("csp");
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("servicesOnEveryModel")
  void givesTheExpectedResult(String model, String label, DemoService service) throws Exception {
    try (ExecutionModel m = ExecutionModels.open(model)) {
      assertThat(service.measure(m).result()).isEqualTo(service.expected());
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("servicesOnEveryModel")
  void endsWithEveryTaskSucceeded(String model, String label, DemoService service)
      throws Exception {
    try (ExecutionModel m = ExecutionModels.open(model)) {
      service.measure(m);

      Stats stats = m.stats();
      assertThat(stats.succeeded()).isEqualTo(stats.spawned());
      assertThat(stats.failed()).isZero();
      assertThat(stats.cancelled()).isZero();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("io.execmodels.core.ExecutionModels#available")
  void fanOutCallsWaitConcurrently(String model) throws Exception {
    FanOutAggregator fanOut = new FanOutAggregator(20, Duration.ofMillis(100));
    try (ExecutionModel m = ExecutionModels.open(model)) {
      long elapsed = m.run(ctx -> {
        long start = ctx.now();
        fanOut.call(ctx);
        return ctx.now() - start;
      });

      // On the model's clock (virtual under simulation), so no real-time guess: every call waits
      // its latency, and the calls overlap, so the whole takes at least one latency and less than
      // the 20 latencies (2 s) they would take one after another.
      Duration took = Duration.ofNanos(elapsed);
      assertThat(took).isGreaterThanOrEqualTo(fanOut.latency());
      assertThat(took).isLessThan(fanOut.latency().multipliedBy(fanOut.calls()));
    }
  }

  @Test
  void expectedValuesMatchKnownFigures() {
    assertThat(new FanOutAggregator().expected()).isEqualTo(5_050);
    assertThat(new CpuBatch().expected()).isEqualTo(78_498); // pi(10^6)
    assertThat(new CpuBatch(1, 100).expected()).isEqualTo(25);
    assertThat(new CpuBatch(1, 2).expected()).isZero();
    assertThat(new ChannelPipeline().expected()).isEqualTo(333_383_335_000L);
    assertThat(new MixedHandler().expected()).isEqualTo(19_900); // 0 + 1 + ... + 199
  }

  @ParameterizedTest
  @MethodSource("io.execmodels.core.ExecutionModels#available")
  void theMixedHandlerTimesEveryRequestFromItsScheduledArrival(String model) throws Exception {
    Duration io = Duration.ofMillis(5);
    MixedHandler mixed = new MixedHandler(30, Duration.ofMillis(1), io, 10, 1_000);
    try (ExecutionModel m = ExecutionModels.open(model)) {
      Measured run = mixed.measure(m);
      assertThat(run.result()).isEqualTo(mixed.expected());
      assertThat(run.latencies()).hasSize(30)
          .allSatisfy(l -> assertThat(l).as("at least the I/O wait").isGreaterThanOrEqualTo(io));
    }
  }

  @Test
  void slicesOfTheBatchAddUpToTheCountOfTheWholeRange() {
    assertThat(CpuBatch.countPrimes(0, 100)).isEqualTo(25);
    assertThat(CpuBatch.countPrimes(0, 50) + CpuBatch.countPrimes(50, 100)).isEqualTo(25);
    assertThat(CpuBatch.countPrimes(2, 3)).isEqualTo(1);
    assertThat(CpuBatch.countPrimes(4, 5)).isZero();
  }
}
