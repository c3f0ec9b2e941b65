package io.execmodels.bench.bugs;

import io.execmodels.testkit.prop.Counterexample;
import io.execmodels.testkit.prop.Property;
import io.execmodels.testkit.prop.PropertyResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

  /** The brute-force search for the fewest switches: up to 3, at the first 24 decisions. */
  private static final int SHORTEST_MAX_SWITCHES = 3;
  private static final int SHORTEST_POSITIONS = 24;
  private static final int SHORTEST_VALUES = 3;

  private record Strategy(String name, java.util.function.UnaryOperator<Property<Void>> apply) {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Strategy> strategies = List.of(new Strategy("random walk", Property::withRandomWalk),
        new Strategy("PCT d=3", p -> p.withPct(3)), new Strategy("POS", Property::withPos));
    System.out.println("| program | family | depth | fewest switches that trigger it | strategy |"
        + " found (seeds) | median schedules to failure | schedules/s | shrunk to (steps) |"
        + " shrunk switches (most) |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    int missed = 0;
    Map<String, long[]> totals = new LinkedHashMap<>();
    List<String> shrinking = new ArrayList<>();
    for (Bug bug : BugPrograms.all()) {
      int shortest = ShortestTrigger.of(bug, SHORTEST_MAX_SWITCHES, SHORTEST_POSITIONS,
          SHORTEST_VALUES);
      Map<String, Integer> mostSwitches = new LinkedHashMap<>();
      int fewestSeen = Integer.MAX_VALUE;
      for (Strategy strategy : strategies) {
        int found = 0;
        List<Integer> toFailure = new ArrayList<>();
        List<Integer> shrunk = new ArrayList<>();
        List<Integer> switches = new ArrayList<>();
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
            switches.add((int) Arrays.stream(c.choices()).filter(v -> v != 0).count());
          }
        }
        if (found == 0) {
          missed++;
        } else {
          mostSwitches.put(strategy.name(), Collections.max(switches));
          fewestSeen = Math.min(fewestSeen, Collections.min(switches));
        }
        System.out.printf(Locale.ROOT,
            "| %s | %s | %d | %s | %s | %d/%d | %s | %.0f | %s | %s |%n",
            bug.name(), bug.family(), bug.depth(),
            shortest < 0 ? "> " + SHORTEST_MAX_SWITCHES : Integer.toString(shortest),
            strategy.name(), found, seeds,
            toFailure.isEmpty() ? "-" : Integer.toString(median(toFailure)),
            runs / (nanos / 1e9),
            shrunk.isEmpty() ? "-" : Integer.toString(median(shrunk)),
            switches.isEmpty() ? "-" : Integer.toString(Collections.max(switches)));
      }
      // The shortest known trigger: the brute force's, or a shrunk schedule's if shorter (the
      // brute force tries few positions and values).
      int known = fewestSeen == Integer.MAX_VALUE ? -1 : fewestSeen;
      if (shortest >= 0 && (known < 0 || shortest < known)) {
        known = shortest;
      }
      List<String> far = new ArrayList<>();
      for (var e : mostSwitches.entrySet()) {
        if (known >= 0 && e.getValue() > known + 2) {
          far.add(e.getKey() + " " + e.getValue());
        }
      }
      shrinking.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", bug.name(),
          known < 0 ? "-" : Integer.toString(known), mostSwitches,
          far.isEmpty() ? "yes" : "no: " + String.join(", ", far)));
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
    System.out.println();
    System.out.println("| program | shortest known trigger (switches) | shrunk switches, most over"
        + " the seeds, per strategy | every strategy within 2 of it? |");
    System.out.println("| --- | --- | --- | --- |");
    shrinking.forEach(System.out::println);
  }

  private static int median(List<Integer> xs) {
    int[] a = xs.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }
}
