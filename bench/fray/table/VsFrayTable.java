import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins the two sides of {@code bench/vs-fray.sh} into one markdown table: per program and
 * strategy, the simulation's and Fray's runs that found the bug, their median iterations and
 * median time to the first failure (over the runs that found it), the longest shrunk trace of the
 * simulation's (Fray does not shrink), and the ratio of the medians.
 * Then a summary against the targets.
 *
 * <p>{@code java VsFrayTable.java SIM_TSV FRAY_TSV}: the simulation's lines are program, depth,
 * strategy, seed, found, iterations, search ms, total ms, shrunk trace steps; Fray's are
 * program, strategy, seed, found, iterations, ms.
 */
public final class VsFrayTable {
  private VsFrayTable() {}

  /** One side's runs of one program under one strategy. */
  private static final class Runs {
    int seeds;
    final List<Double> iterations = new ArrayList<>();
    final List<Double> millis = new ArrayList<>();
    long longestShrunk;

    void add(boolean found, int iters, double ms) {
      seeds++;
      if (found) {
        iterations.add((double) iters);
        millis.add(ms);
      }
    }

    boolean found() {
      return !iterations.isEmpty();
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: java VsFrayTable.java SIM_TSV FRAY_TSV");
    }
    Map<String, Integer> depth = new LinkedHashMap<>();
    Map<String, Runs> sim = new LinkedHashMap<>();
    Map<String, Runs> fray = new LinkedHashMap<>();
    List<String> strategies = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.split("\t");
      if (f.length != 9) {
        throw new IllegalArgumentException("simulation line with " + f.length
            + " fields, expected 9: " + line);
      }
      depth.put(f[0], Integer.parseInt(f[1]));
      if (!strategies.contains(f[2])) {
        strategies.add(f[2]);
      }
      Runs runs = sim.computeIfAbsent(f[0] + "\t" + f[2], k -> new Runs());
      runs.add(f[4].equals("yes"), Integer.parseInt(f[5]), Double.parseDouble(f[6]));
      runs.longestShrunk = Math.max(runs.longestShrunk, Long.parseLong(f[8]));
    }
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] f = line.split("\t");
      if (f.length != 6) {
        throw new IllegalArgumentException("Fray line with " + f.length + " fields, expected 6: "
            + line);
      }
      fray.computeIfAbsent(f[0] + "\t" + f[1], k -> new Runs())
          .add(f[3].equals("yes"), Integer.parseInt(f[4]), Double.parseDouble(f[5]));
    }

    System.out.println("| program | depth | strategy | sim found | sim median iterations |"
        + " sim median ms | sim shrunk trace, steps (most) | Fray found |"
        + " Fray median iterations | Fray median ms | ratio sim/Fray (time) |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    List<String> frayOnly = new ArrayList<>();
    List<String> simOnly = new ArrayList<>();
    List<String> frayFromMoreSeeds = new ArrayList<>();
    Map<String, int[]> programsFound = new LinkedHashMap<>();
    for (String program : depth.keySet()) {
      boolean simAny = false;
      boolean frayAny = false;
      for (String strategy : strategies) {
        String key = program + "\t" + strategy;
        Runs s = sim.get(key);
        Runs r = fray.get(key);
        if (s == null || r == null) {
          throw new IllegalStateException("no " + (s == null ? "simulation" : "Fray")
              + " runs of " + program + " under " + strategy);
        }
        simAny |= s.found();
        frayAny |= r.found();
        int[] pf = programsFound.computeIfAbsent(strategy, k -> new int[6]);
        pf[0] += s.found() ? 1 : 0;
        pf[1] += r.found() ? 1 : 0;
        pf[2] += s.iterations.size();
        pf[3] += s.seeds;
        pf[4] += r.iterations.size();
        pf[5] += r.seeds;
        if (r.iterations.size() > s.iterations.size()) {
          frayFromMoreSeeds.add(program + " (" + strategy + ", " + s.iterations.size() + " against "
              + r.iterations.size() + ")");
        }
        String ratio = "-";
        if (s.found() && r.found()) {
          double x = median(s.millis) / median(r.millis);
          ratios.computeIfAbsent(strategy, k -> new ArrayList<>()).add(x);
          ratio = String.format(Locale.ROOT, "%.3f", x);
        }
        System.out.printf(Locale.ROOT,
            "| %s | %d | %s | %d/%d | %s | %s | %s | %d/%d | %s | %s | %s |%n",
            program, depth.get(program), strategy, s.iterations.size(), s.seeds,
            fmt(s.iterations, "%.0f"), fmt(s.millis, "%.1f"),
            s.found() ? Long.toString(s.longestShrunk) : "-", r.iterations.size(), r.seeds,
            fmt(r.iterations, "%.0f"), fmt(r.millis, "%.1f"), ratio);
      }
      if (frayAny && !simAny) {
        frayOnly.add(program);
      }
      if (simAny && !frayAny) {
        simOnly.add(program);
      }
    }

    System.out.println();
    System.out.println("| strategy | programs whose bug the sim found | programs whose bug Fray found"
        + " | runs that found it, sim | runs that found it, Fray | median ratio sim/Fray (time)"
        + " | pairs at or under 0.1 |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    List<Double> all = new ArrayList<>();
    for (String strategy : strategies) {
      List<Double> xs = ratios.getOrDefault(strategy, List.of());
      all.addAll(xs);
      int[] pf = programsFound.get(strategy);
      System.out.printf(Locale.ROOT, "| %s | %d/%d | %d/%d | %d/%d | %d/%d | %s | %d/%d |%n",
          strategy, pf[0], depth.size(), pf[1], depth.size(), pf[2], pf[3], pf[4], pf[5],
          fmt(xs, "%.3f"), xs.stream().filter(x -> x <= 0.1).count(), xs.size());
    }
    System.out.printf(Locale.ROOT, "| all | | | | | %s | %d/%d |%n", fmt(all, "%.3f"),
        all.stream().filter(x -> x <= 0.1).count(), all.size());
    System.out.println();
    System.out.println("Bugs Fray found that the sim did not (any strategy): "
        + (frayOnly.isEmpty() ? "none" : String.join(", ", frayOnly))
        + ". Bugs the sim found that Fray did not: "
        + (simOnly.isEmpty() ? "none" : String.join(", ", simOnly)) + ".");
    System.out.println("Programs and strategies where Fray found the bug from more seeds than the"
        + " sim (sim against Fray): " + (frayFromMoreSeeds.isEmpty() ? "none"
        : String.join(", ", frayFromMoreSeeds)) + ".");
  }

  private static String fmt(List<Double> xs, String format) {
    return xs.isEmpty() ? "-" : String.format(Locale.ROOT, format, median(xs));
  }

  /** The median; of an even count, the mean of the middle two. */
  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }
}
