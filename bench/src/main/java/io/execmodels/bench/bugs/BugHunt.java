package io.execmodels.bench.bugs;

import io.execmodels.testkit.prop.Counterexample;
import io.execmodels.testkit.prop.Property;
import io.execmodels.testkit.prop.PropertyResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the bug benchmark: every program of {@link BugPrograms} under each search strategy of the
 * property engine (a random walk, the default; PCT with depth 3), from several seeds, each with
 * the engine's default budget of 1,000 schedules, and prints one markdown table: per program and
 * strategy, from how many seeds the bug was found, the median number of schedules to the first
 * failure, the schedules run a second (shrinking included), and the length of the shrunk
 * schedule.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.execmodels.bench.bugs.BugHunt [seeds]}
 * (default 5 seeds); add {@code --add-opens java.base/java.lang=ALL-UNNAMED} for the simulation's
 * shared carrier, as {@code bench/run.sh} does for JMH.
 */
public final class BugHunt {
  private BugHunt() {}

  private record Strategy(String name, java.util.function.UnaryOperator<Property<Void>> apply) {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Strategy> strategies = List.of(new Strategy("random walk", p -> p),
        new Strategy("PCT d=3", p -> p.withPct(3)));
    System.out.println("| program | family | depth | strategy | found (seeds) | median schedules"
        + " to failure | schedules/s | shrunk to (steps) |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    int missed = 0;
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
          if (r.counterexample().isPresent()) {
            Counterexample c = r.counterexample().get();
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
  }

  private static int median(List<Integer> xs) {
    int[] a = xs.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }
}
