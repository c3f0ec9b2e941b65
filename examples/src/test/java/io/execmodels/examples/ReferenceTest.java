package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.execmodels.core.Traits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The originals' levels and memory modes: their output read from canned text (no runtime needed),
 * and, for each runtime on {@code PATH}, both modes run once with a tiny plan.
 */
@Timeout(120)
class ReferenceTest {

  private static final Traits ONE = new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED,
      Integer.MAX_VALUE);

  /** Two rates for 100 ms: 2 and 10 requests a workload (no request is a spike's 20th). */
  private static final List<Integer> RATES = List.of(20, 100);
  private static final Duration WINDOW = Duration.ofMillis(100);

  /**
   * The least a request's 10 ms upstream wait can read: Node's timers count whole milliseconds
   * (the loop's clock is truncated to the millisecond), so a 10 ms timeout can end 9.1 ms later.
   */
  private static final Duration LEAST_WAIT = Duration.ofMillis(9);

  @TempDir
  static Path build;

  /** The runtimes on PATH, found by the first of the tests that run them. */
  private static Reference.Found found;

  private static Reference.Output ok(String text) {
    return new Reference.Output(text, null);
  }

  @Test
  void onlyARuntimeThatCompilesWhileRunningGetsWarmUpRuns() {
    assertThat(new Reference.Runtime("v8", List.of("node"), ONE, true).warmup(2)).isEqualTo(2);
    assertThat(new Reference.Runtime("cpython", List.of("python3"), ONE, false).warmup(2))
        .isZero();
  }

  @Test
  void aLevelsRunGivesALevelPerRateAndWorkloadWithEveryLatencyAndTheSumChecked() {
    String text = """
        LEVEL fan-out 20 2 12 60000000 11000000,12000000
        LEVEL mixed 20 2 1 61000000 10500000,10600000
        LEVEL fan-out 100 10 60 101000000 1,2,3,4,5,6,7,8,9,10
        LEVEL mixed 100 10 45 102000000 1,2,3,4,5,6,7,8,9,10
        """;

    List<LevelResult> levels = Reference.parseLevels("go (original)", ok(text), RATES, WINDOW);

    assertThat(levels).extracting(LevelResult::workload, LevelResult::rate, LevelResult::requests)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fan-out", 20, 2),
            org.assertj.core.groups.Tuple.tuple("mixed", 20, 2),
            org.assertj.core.groups.Tuple.tuple("fan-out", 100, 10),
            org.assertj.core.groups.Tuple.tuple("mixed", 100, 10));
    assertThat(levels).allSatisfy(l -> {
      assertThat(l.problem()).isNull();
      assertThat(l.model()).isEqualTo("go (original)");
      assertThat(l.latencies()).hasSize(l.requests());
    });
    LevelResult first = levels.get(0);
    assertThat(first.span()).isEqualTo(Duration.ofMillis(60));
    assertThat(first.latencies()).containsExactly(Duration.ofMillis(11), Duration.ofMillis(12));
    assertThat(first.throughput()).isEqualTo(2 / 0.060);
  }

  @Test
  void aWrongSumCountOrMissingLineIsTheLevelsProblemAndAFailedProgramEveryLevels() {
    String text = """
        LEVEL fan-out 20 2 13 60000000 11000000,12000000
        LEVEL mixed 20 3 3 61000000 1,2,3
        LEVEL fan-out 100 10 60 101000000 1,2,3
        LEVEL mixed 100 10 45 x 1
        """;

    List<LevelResult> levels = Reference.parseLevels("node (original)", ok(text), RATES, WINDOW);

    assertThat(levels).extracting(LevelResult::problem).containsExactly(
        "WRONG: 13, expected 12",
        "WRONG: 3 requests offered, the plan's level has 2",
        "WRONG: 3 latencies for 10 requests",
        "FAILED: unreadable LEVEL line (For input string: \"x\"): LEVEL mixed 100 10 45 x 1");
    assertThat(Reference.parseLevels("node (original)", ok("LEVEL fan-out 20 2 12 1 1,1\nbye\n"),
        List.of(20), WINDOW)).extracting(LevelResult::problem)
        .containsExactly(null, "FAILED: no LEVEL line for mixed at 20/s: bye");
    assertThat(Reference.parseLevels("node (original)",
        new Reference.Output("", "FAILED: exit 1: boom"), RATES, WINDOW))
        .hasSize(4).allSatisfy(l -> {
          assertThat(l.problem()).isEqualTo("FAILED: exit 1: boom");
          assertThat(l.latencies()).isEmpty();
        });
  }

  @Test
  void aMemoryRunGivesTheBytesPerParkedTaskAndNamesWhatItMeasured() {
    TaskMemory m = Reference.parseMemory("go (original)",
        ok("MEMORY 2000 458752 5636096 2000 goroutine HeapInuse+StackInuse after runtime.GC\n"),
        2000);

    assertThat(m.problem()).isNull();
    assertThat(m.tasks()).isEqualTo(2000);
    assertThat(m.bytesPerTask()).isEqualTo((5636096 - 458752) / 2000);
    assertThat(m.task()).isEqualTo("goroutine");
    assertThat(m.measure()).isEqualTo("HeapInuse+StackInuse after runtime.GC");
    assertThat(m.platformThreads()).isFalse();

    assertThat(Reference.parseMemory("x (original)", ok("MEMORY 2000 0 100 1999 t m\n"), 2000)
        .problem()).isEqualTo("WRONG: 1999 of the 2000 tasks ended");
    assertThat(Reference.parseMemory("x (original)", ok("MEMORY 20 0 100 20 t m\n"), 2000)
        .problem()).isEqualTo("WRONG: 20 tasks parked, asked 2000");
    assertThat(Reference.parseMemory("x (original)", ok("MEMORY 2000 0 100\n"), 2000).problem())
        .startsWith("FAILED: unreadable MEMORY line (7 fields expected, found 4)");
    assertThat(Reference.parseMemory("x (original)", ok("usage: ...\n"), 2000).problem())
        .isEqualTo("FAILED: no MEMORY line: usage: ...");
    assertThat(Reference.parseMemory("x (original)", new Reference.Output("", "FAILED: exit 2: u"),
        2000).ok()).isFalse();
  }

  @Test
  void aRoundsRunIsReadAsBeforeAndAMalformedLineIsAProblemNotAnException() {
    Reference.Runtime r = new Reference.Runtime("x (original)", List.of("x"), ONE, true);
    DemoService mixed = new MixedHandler();
    long expected = mixed.expected();

    Result ok = Reference.parseRuns(r, mixed, 1, "RUN " + expected + " 5000 4000 3,1,2\n");
    assertThat(ok.problem()).isNull();
    assertThat(ok.latencies()).containsExactly(Duration.ofNanos(1), Duration.ofNanos(2),
        Duration.ofNanos(3));
    assertThat(Reference.parseRuns(r, mixed, 1, "RUN " + expected + " five 4000 \n").problem())
        .startsWith("FAILED: unreadable output");
  }

  /** Each runtime on PATH, both modes once with a tiny plan: every row there, every sum right. */
  @ParameterizedTest
  @ValueSource(strings = {"node (original)", "go (original)", "python asyncio (original)"})
  void eachOriginalOnPathRunsItsLevelsAndMemoryModes(String name) {
    if (found == null) { // once for the three: it builds Go's program
      found = Reference.find(Path.of("reference"), build);
    }
    Reference.Runtime runtime = found.runtimes().stream().filter(r -> r.name().equals(name))
        .findFirst().orElse(null);
    assumeTrue(runtime != null, name + " is not runnable here: " + found.absent());
    assertThat(runtime.compilesWhileRunning()).as("V8 alone compiles as it runs")
        .isEqualTo(name.startsWith("node"));

    List<LevelResult> levels = Reference.levels(runtime, RATES, WINDOW);
    TaskMemory memory = Reference.memory(runtime, TaskMemory.VIRTUAL_TASKS);

    assertThat(levels).hasSize(RATES.size() * RequestWorkload.all().size()).allSatisfy(l -> {
      assertThat(l.problem()).as("%s %s at %d/s", name, l.workload(), l.rate()).isNull();
      assertThat(l.requests()).isEqualTo(LevelResult.requests(l.rate(), WINDOW));
      assertThat(l.latencies()).hasSize(l.requests())
          // Every request waits on its upstream, from its arrival or later.
          .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(LEAST_WAIT));
      // The last request arrives (requests - 1) intervals after the first, then waits.
      assertThat(l.span()).isGreaterThanOrEqualTo(
          Duration.ofNanos((l.requests() - 1) * (1_000_000_000L / l.rate())).plus(LEAST_WAIT));
    });
    assertThat(memory.problem()).as(name).isNull();
    assertThat(memory.tasks()).isEqualTo(TaskMemory.VIRTUAL_TASKS);
    // Tens of bytes to a few KB in every runtime (see the reference README): bounds that catch a
    // probe that measures nothing, or the whole heap over n.
    assertThat(memory.bytesPerTask()).as("%s: %s per %s", name, memory.measure(), memory.task())
        .isBetween(64L, 64L * 1024);
  }
}
