package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison's verdicts, from made-up figures. */
class VerdictsTest {

  private static final Traits ONE = new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED,
      Integer.MAX_VALUE);
  private static final Traits POOL = new Traits(2, Traits.Preemption.FULL,
      Traits.Memory.ISOLATED, Integer.MAX_VALUE);

  private static Result fanOut(String model, long millis) {
    return fanOut(model, ONE, millis, List.of());
  }

  private static Result fanOut(String model, Traits traits, long millis, List<Long> heapPeaks) {
    Duration wall = Duration.ofMillis(millis);
    return new Result(model, traits, new FanOutAggregator(), List.of(new Measured(5050, wall)),
        List.of(Duration.ofMillis(1)), heapPeaks, null, null);
  }

  private static List<Verdicts.Verdict> of(List<Result> results) {
    return Verdicts.of(new Findings(Map.of(), results, List.of(), Map.of(), List.of(), 1, false));
  }

  private static Verdicts.Verdict only(List<Verdicts.Verdict> verdicts, String model) {
    return verdicts.stream().filter(v -> v.model().equals(model)).findFirst().orElseThrow();
  }

  @Test
  void aRealModelIsJudgedAgainstTheFastestRealOneNotTheSimulation() {
    List<Verdicts.Verdict> v = of(List.of(fanOut("sim", 8), fanOut("csp", 58),
        fanOut("eventloop", 57), fanOut("gil-threads", 200)));
    assertThat(only(v, "csp").io()).startsWith("yes").contains("best 57.0 ms");
    assertThat(only(v, "gil-threads").io()).startsWith("no");
    assertThat(only(v, "sim").scales()).contains("simulated");
  }

  @Test
  void withOnlyTheSimulationItIsItsOwnYardstick() {
    assertThat(of(List.of(fanOut("sim", 8)))).singleElement()
        .satisfies(x -> assertThat(x.io()).startsWith("yes"));
  }

  @Test
  void fanningOutIsCheapOnlyForSmallTasksWithoutAnOsThreadEach() {
    List<TaskMemory> memory = List.of(new TaskMemory("csp", 2000, 1973, false, null),
        new TaskMemory("gil-threads", 200, 706, true, null),
        new TaskMemory("fat", 2000, 40_000, false, null));
    List<Verdicts.Verdict> v = Verdicts.of(new Findings(Map.of(),
        List.of(fanOut("csp", 50), fanOut("gil-threads", 60), fanOut("fat", 55)), memory,
        Map.of(), List.of(), 1, false));
    assertThat(only(v, "csp").fanOut()).isEqualTo("yes: 1.9 KB of heap per parked task");
    assertThat(only(v, "gil-threads").fanOut()).startsWith("no: each task is an OS thread")
        .endsWith("0.7 KB of heap per parked task");
    assertThat(only(v, "fat").fanOut()).isEqualTo("no: 39.1 KB of heap per parked task");
  }

  @Test
  void isolationCarriesTheChildProcessesMemoryOrTheOneHeapsPeak() {
    List<Verdicts.Verdict> v = Verdicts.of(new Findings(Map.of(),
        List.of(fanOut("process-pool", POOL, 50, List.of(1L)),
            fanOut("csp", ONE, 50, List.of(30_000_000L))),
        List.of(), Map.of("process-pool", new ChildProcesses.Usage(2, 90_000_000L)), List.of(),
        1, false));
    assertThat(only(v, "process-pool").isolation())
        .isEqualTo("isolated: 2 child processes, 90 MB resident at peak in all");
    assertThat(only(v, "csp").isolation())
        .isEqualTo("shared: one heap, 30 MB at its busiest run's peak");
  }

  @Test
  void theIoVerdictShowsWhatTheFanOutGaveAtTheHighestArrivalRate() {
    List<Duration> latencies = java.util.stream.IntStream.rangeClosed(1, 100)
        .mapToObj(i -> Duration.ofMillis(i)).toList();
    List<LevelResult> levels = List.of(
        new LevelResult("csp", "fan-out", 50, 10, Duration.ofSeconds(1), latencies, null),
        new LevelResult("csp", "fan-out", 400, 80, Duration.ofMillis(500), latencies, null),
        new LevelResult("csp", "mixed", 800, 80, Duration.ofMillis(500), latencies, null));
    List<Verdicts.Verdict> v = Verdicts.of(new Findings(Map.of(), List.of(fanOut("csp", 50)),
        List.of(), Map.of(), levels, 1, false));
    assertThat(only(v, "csp").io()).endsWith("; offered 400 req/s, served 160/s, p99 99.0 ms");
  }

  @Test
  void anOriginalIsJudgedAgainstTheFastestModelButIsNotItself() {
    List<LevelResult> levels = List.of(new LevelResult("go (original)", "fan-out", 400, 100,
        Duration.ofMillis(260), List.of(Duration.ofMillis(11)), null));
    List<TaskMemory> memory = List.of(new TaskMemory("go (original)", 2000, 2588, false,
        "goroutine", "Go HeapInuse+StackInuse", null));
    List<Verdicts.Verdict> v = Verdicts.of(new Findings(Map.of(),
        List.of(fanOut("go (original)", 20), fanOut("csp", 50), fanOut("eventloop", 90)),
        memory, Map.of(), levels, 1, false));

    assertThat(only(v, "eventloop").io()).as("within 2x of csp, the fastest model")
        .startsWith("yes").contains("best 50.0 ms");
    assertThat(only(v, "go (original)").io()).startsWith("yes: fan-out 20.0 ms (best 50.0 ms)")
        .endsWith("offered 400 req/s, served 385/s, p99 11.0 ms");
    assertThat(only(v, "go (original)").fanOut())
        .isEqualTo("yes: 2.5 KB (Go HeapInuse+StackInuse) per parked goroutine");
  }

  @Test
  void withOnlyOriginalsTheFastestOfThemIsTheYardstick() {
    List<Verdicts.Verdict> v = of(List.of(fanOut("node (original)", 52),
        fanOut("python asyncio (original)", 120)));
    assertThat(only(v, "python asyncio (original)").io()).startsWith("no").contains("best 52.0");
  }
}
