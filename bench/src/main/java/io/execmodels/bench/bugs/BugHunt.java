package io.execmodels.bench.bugs;

import io.execmodels.testkit.prop.Counterexample;
import io.execmodels.testkit.prop.Property;
import io.execmodels.testkit.prop.PropertyResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Runs the bug benchmark: every program of {@link BugPrograms} under each search strategy of the
 * property engine (a random walk; PCT with depth 3; POS, the default), from several seeds, each
 * with the engine's default budget of 1,000 schedules, and prints one markdown table: per program
 * and strategy, from how many seeds the bug was found, the median number of schedules to the first
 * failure, the schedules run a second (shrinking included), and the length of the shrunk
 * schedule; then one line per strategy with its totals.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.execmodels.bench.bugs.BugHunt [seeds]}
 * (default 5 seeds); add {@code --add-opens java.base/java.lang=ALL-UNNAMED} for the simulation's
 * shared carrier, as {@code bench/run.sh} does for JMH.
 */
public final class BugHunt {
  private BugHunt() {}

  /** The engine's default budget of schedules per run. */
  private static final int BUDGET = 1_000;

  private record Strategy(String name, java.util.function.UnaryOperator<Property<Void>> apply) {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Strategy> strategies = List.of(new Strategy("random walk", Property::withRandomWalk),
        new Strategy("PCT d=3", p -> p.withPct(3)), new Strategy("POS", Property::withPos));
    System.out.println("| program | family | depth | strategy | found (seeds) | median schedules"
        + " to failure | schedules/s | shrunk to (steps) |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    int missed = 0;
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (Bug bug : BugPrograms.all()) {
      for (Strategy strategy : strategies) {
        int found = 0;
        List<Integer> toFailure = new ArrayList<>();
        List<Integer> shrunk = new ArrayList<>();
        long runs = 0;
        long nanos = 0;
        for (int seed = 1; seed <= seeds; seed++) {
          Property<Void> p = strategy.apply().apply(
              Property.of(bug.name(), bug.program()).withSeed(seed));
          long t0 = System.nanoTime();
          PropertyResult r = p.run();
          nanos += System.nanoTime() - t0;
          runs += r.examples();
          long[] total = totals.computeIfAbsent(strategy.name(), k -> new long[3]);
          total[0]++;
          total[2] += r.counterexample().isPresent() ? r.examples() : BUDGET;
          if (r.counterexample().isPresent()) {
            Counterexample c = r.counterexample().get();
            total[1]++;
            found++;
            toFailure.add(r.examples());
            runs += c.shrinkRuns() + 2;
            shrunk.add(c.trace() == null ? -1 : (int) c.trace().length());
          }
        }
        if (found == 0) {
          missed++;
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %d/%d | %s | %.0f | %s |%n",
            bug.name(), bug.family(), bug.depth(), strategy.name(), found, seeds,
            toFailure.isEmpty() ? "-" : Integer.toString(median(toFailure)),
            runs / (nanos / 1e9),
            shrunk.isEmpty() ? "-" : Integer.toString(median(shrunk)));
      }
    }
    System.out.println();
    System.out.println(missed == 0 ? "every bug found by every strategy from at least one seed"
        : missed + " program-strategy pair(s) found no bug within the budget");
    System.out.println();
    System.out.println("| strategy | runs that found their bug | schedules to failure, all runs"
        + " (a miss counts " + BUDGET + ") |");
    System.out.println("| --- | --- | --- |");
    totals.forEach((name, t) -> System.out.printf(Locale.ROOT, "| %s | %d/%d | %d |%n", name,
        t[1], t[0], t[2]));
  }

  private static int median(List<Integer> xs) {
    int[] a = xs.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }
}
