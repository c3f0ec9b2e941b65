package io.execmodels.bench.bugs;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.testkit.prop.Counterexample;
import io.execmodels.testkit.prop.Property;
import io.execmodels.testkit.prop.PropertyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bug benchmark as a regression guard for the search: every program under the random walk,
 * PCT and POS (the default), from fixed seeds with the engine's default budget, must still find
 * every bug it found when this was written, each counterexample must replay to the same failure,
 * and shrink to no more context switches than it did then. Simulations are deterministic for a seed, so a bug that goes missing is a change to
 * the search, not noise; a search that finds more passes, and the figures printed say so (update
 * the expectations then).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BugBenchmarkGuardTest {

  private static final long[] SEEDS = {1, 2, 3};

  /**
   * Programs each strategy did not find from any of {@link #SEEDS} when this was written
   * (2026-12-04): PCT at depth 3 misses reorder-10, where one reader must run between two writes
   * of one of nine setters, a depth its priority changes rarely reach (from 1 seed in 5).
   */
  private static final Map<String, Set<String>> MISSED = Map.of(
      "random walk", Set.of(),
      "PCT d=3", Set.of("reorder-10"),
      "POS", Set.of());

  /**
   * The most context switches a shrunk counterexample had, per program, when this was written
   * (every strategy, the seed that found it first): 1 where not listed. The fewest that trigger
   * each bug are 0 for check-then-act-wait and carter, 2 for reorder-3/5/10 and philosophers-3,
   * 4 for philosophers-5, and 1 for the others: every program within 2 of it.
   */
  private static final Map<String, Integer> SHRUNK_SWITCHES = Map.of(
      "reorder-3", 4, "reorder-5", 2, "reorder-10", 2, "philosophers-3", 2,
      "philosophers-5", 5);

  private static final Map<String, UnaryOperator<Property<Void>>> STRATEGIES = Map.of(
      "random walk", Property::withRandomWalk,
      "PCT d=3", p -> p.withPct(3),
      "POS", Property::withPos);

  @Test
  void everyStrategyStillFindsEveryBugItFoundAndEachReplays() {
    List<Bug> bugs = BugPrograms.all();
    assertThat(bugs).as("the benchmark's programs").hasSizeGreaterThanOrEqualTo(25);
    List<String> lost = new ArrayList<>();
    List<String> longer = new ArrayList<>();
    for (var strategy : new TreeSet<>(STRATEGIES.keySet())) {
      Set<String> found = new TreeSet<>();
      for (Bug bug : bugs) {
        for (long seed : SEEDS) {
          Property<Void> p = STRATEGIES.get(strategy).apply(
              Property.of(bug.name(), bug.program()).withSeed(seed));
          PropertyResult r = p.run();
          if (r.counterexample().isPresent()) {
            Counterexample c = r.counterexample().get();
            assertThat(c.deterministic()).as("%s under %s, seed %d: replay gives the same trace",
                bug.name(), strategy, seed).isTrue();
            assertThat(p.replay(c.replayLine()).counterexample())
                .as("%s under %s, seed %d: the shrunk schedule fails again on replay", bug.name(),
                    strategy, seed)
                .hasValueSatisfying(again -> assertThat(again.failure())
                    .hasSameClassAs(c.failure()));
            found.add(bug.name());
            long switches = java.util.Arrays.stream(c.choices()).filter(v -> v != 0).count();
            if (switches > SHRUNK_SWITCHES.getOrDefault(bug.name(), 1)) {
              longer.add(bug.name() + " (" + strategy + ", seed " + seed + "): " + switches
                  + " switches");
            }
            break;
          }
        }
      }
      System.out.printf("%s found %d of %d programs from seeds %s%n", strategy, found.size(),
          bugs.size(), java.util.Arrays.toString(SEEDS));
      for (Bug bug : bugs) {
        if (!found.contains(bug.name()) && !MISSED.get(strategy).contains(bug.name())) {
          lost.add(bug.name() + " (" + strategy + ")");
        }
      }
    }
    assertThat(lost).as("bugs the search found before and no longer finds").isEmpty();
    assertThat(longer).as("counterexamples that shrink to more switches than before").isEmpty();
  }
}
