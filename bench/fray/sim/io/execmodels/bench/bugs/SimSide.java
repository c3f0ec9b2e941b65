package io.execmodels.bench.bugs;

import io.execmodels.testkit.prop.Property;
import io.execmodels.testkit.prop.PropertyResult;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The simulation's side of {@code bench/vs-fray.sh}: BugHunt's search (every program of the
 * benchmark; the random walk, PCT depth 3 and POS; seeds 1..n; a budget of 1,000 schedules), timed
 * per run, printed as tab-separated lines that the script joins with Fray's: program, depth,
 * strategy, seed, found (yes/no), schedules up to and including the first failure (the budget on
 * a miss), milliseconds of the search alone, milliseconds of the whole {@code run()} (the
 * search, then the shrinking and replay check that Fray does not do), and the steps of the shrunk
 * counterexample's trace (0 on a miss).
 *
 * <p>It lives beside the Fray project, in BugHunt's package for its package-private programs,
 * and is compiled by the script against {@code bench/target/benchmarks.jar}.
 */
public final class SimSide {
  private SimSide() {}

  private static final int BUDGET = 1_000;

  private record Strategy(String name, UnaryOperator<Property<Void>> apply) {}

  /**
   * Runs the benchmark and prints one line per program, strategy and seed.
   *
   * @param args the number of seeds (default 5)
   */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Strategy> strategies = List.of(new Strategy("random", Property::withRandomWalk),
        new Strategy("PCT d=3", p -> p.withPct(3)), new Strategy("POS", Property::withPos));
    for (Bug bug : BugPrograms.all()) {
      for (Strategy strategy : strategies) {
        for (int seed = 1; seed <= seeds; seed++) {
          Property<Void> p = strategy.apply().apply(
              Property.of(bug.name(), bug.program()).withSeed(seed).withMaxExamples(BUDGET));
          long t0 = System.nanoTime();
          PropertyResult r = p.run();
          long total = System.nanoTime() - t0;
          boolean found = r.counterexample().isPresent();
          long search = found ? searchOnly(p, r) : total;
          long shrunk = found ? r.counterexample().get().trace().length() : 0;
          System.out.printf(Locale.ROOT, "%s\t%d\t%s\t%d\t%s\t%d\t%.3f\t%.3f\t%d%n", bug.name(),
              bug.depth(), strategy.name(), seed, found ? "yes" : "no",
              found ? r.examples() : BUDGET, search / 1e6, total / 1e6, shrunk);
        }
      }
    }
  }

  /**
   * The time of the search alone up to its first failure, without the shrinking that {@code run()}
   * goes on to: the seed's first k-1 schedules, which pass (the search is deterministic for a
   * seed), run again with a budget of k-1 so that nothing fails and nothing shrinks; plus one run
   * of a failing schedule (the counterexample's replay).
   */
  private static long searchOnly(Property<Void> p, PropertyResult r) {
    int k = r.examples();
    long t0 = System.nanoTime();
    if (k > 1) {
      PropertyResult passing = p.withMaxExamples(k - 1).run();
      if (!passing.passed()) {
        throw new IllegalStateException(p.name() + ": the first " + (k - 1) + " schedules of seed"
            + " failed on a second run, so the search is not deterministic");
      }
    }
    PropertyResult failing = p.replay(r.counterexample().get().replayLine());
    long nanos = System.nanoTime() - t0;
    if (failing.passed()) {
      throw new IllegalStateException(p.name() + ": the counterexample passed on replay");
    }
    return nanos;
  }
}
