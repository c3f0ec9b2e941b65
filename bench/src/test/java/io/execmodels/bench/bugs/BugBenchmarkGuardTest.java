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
 * every bug it found when this was written, and each counterexample must replay to the same
 * failure. Simulations are deterministic for a seed, so a bug that goes missing is a change to
 * the search, not noise; a search that finds more passes, and the figures printed say so (update
 * the expectations then).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BugBenchmarkGuardTest {

  private static final long[] SEEDS = {1, 2, 3};

  /**
   * Programs each strategy did not find from any of {@link #SEEDS} when this was written
   * (2026-12-04): PCT at depth 3 misses reorder-10, where one reader must run between two writes
   * of one of nine setters, a depth its priority changes rarely reach.
   */
  private static final Map<String, Set<String>> MISSED = Map.of(
      "random walk", Set.of(),
      "PCT d=3", Set.of("reorder-10"),
      "POS", Set.of());

  private static final Map<String, UnaryOperator<Property<Void>>> STRATEGIES = Map.of(
      "random walk", Property::withRandomWalk,
      "PCT d=3", p -> p.withPct(3),
      "POS", Property::withPos);

  @Test
  void everyStrategyStillFindsEveryBugItFoundAndEachReplays() {
    List<Bug> bugs = BugPrograms.all();
    assertThat(bugs).as("the benchmark's programs").hasSizeGreaterThanOrEqualTo(25);
    List<String> lost = new ArrayList<>();
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
  }
}
