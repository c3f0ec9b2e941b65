package io.execmodels.bench;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link PingPong}'s three figures taken in alternation, round after round in one JVM, with the
 * median of each and of csp's ratio to SynchronousQueue's round by round: on a machine whose load
 * drifts (two cores shared with other work), JMH's benchmarks, measured one after another, see
 * different loads, and their ratio says more about the drift than about the channels.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.execmodels.bench.InterleavedPingPong [rounds
 * [options...]]}: 41 rounds by default, each of 20,000 round trips per contestant after 3 rounds
 * of warm-up; each {@code options} argument ({@code key=value} pairs separated by {@code ;}, as
 * {@code csp.parkSpins=0}) adds a csp contestant with those model options.
 */
public final class InterleavedPingPong {
  private static final int ROUND_TRIPS = 20_000;
  private static final int WARM_UP = 3;

  private InterleavedPingPong() {}

  /** A contestant: one measured batch of round trips. */
  @FunctionalInterface
  private interface Batch {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be positive, was " + rounds);
    }
    List<String> optionSets = args.length > 1
        ? Arrays.asList(args).subList(1, args.length) : List.of("");
    List<ExecutionModel> models = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Batch> batches = new ArrayList<>();
    try {
      for (String options : optionSets) {
        ExecutionModel model = ExecutionModels.open(config(options));
        models.add(model);
        names.add(options.isBlank() ? "csp" : "csp " + options);
        batches.add(() -> PingPong.channel(model, ROUND_TRIPS));
      }
      names.add("SynchronousQueue");
      batches.add(() -> PingPong.synchronousQueue(ROUND_TRIPS));
      names.add("jox");
      batches.add(() -> PingPong.jox(ROUND_TRIPS));
      int sq = names.indexOf("SynchronousQueue");
      double[][] nanos = new double[batches.size()][rounds];
      for (int r = -WARM_UP; r < rounds; r++) {
        for (int b = 0; b < batches.size(); b++) {
          long start = System.nanoTime();
          batches.get(b).run();
          if (r >= 0) {
            nanos[b][r] = (double) (System.nanoTime() - start) / ROUND_TRIPS;
          }
        }
      }
      for (int b = 0; b < batches.size(); b++) {
        System.out.printf("%-40s median %8.0f ns a round trip%n", names.get(b), median(nanos[b]));
      }
      for (int b = 0; b < models.size(); b++) {
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratio[r] = nanos[b][r] / nanos[sq][r];
        }
        System.out.printf("%-40s median ratio to SynchronousQueue %.2f%n", names.get(b),
            median(ratio));
      }
    } finally {
      for (ExecutionModel model : models) {
        model.close();
      }
    }
  }

  private static Config config(String options) {
    Config config = Config.defaults().withModel("csp");
    for (String pair : options.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("options: expected key=value, was '" + pair + "'");
      }
      config = config.withOption(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return config;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
