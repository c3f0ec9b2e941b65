package io.execmodels.examples;

import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison that articles argue in prose, regenerated from one shootout's measurements: per
 * model, is it good for I/O, good for CPU, does a CPU spike hurt its I/O requests, how does it
 * scale, and how isolated are its tasks. Every answer carries the figure it rests on, from this run.
 *
 * <p>The rules: good for I/O if its fan-out's median is within 2x the fastest model's; good for CPU
 * if a CPU batch kept more than 1.5 cores busy (or, on one CPU, if it ran as fast as the fastest);
 * a spike hurts I/O if the mixed handler's median request took more than 1.5x its I/O wait (the
 * spikes of other requests delayed it); scaling and
 * isolation are the model's own {@link Traits}, with the cores figure beside them. A simulated
 * model's times are real but say nothing about the model it simulates: its row says so, and the
 * "fastest" the others are judged against is a real model's (the simulation's sleeps take no
 * real time).
 */
final class Verdicts {
  private Verdicts() {}

  /** One model's answers, each with its figure. */
  record Verdict(String model, String io, String cpu, String spike, String scales,
      String isolation) {}

  static List<Verdict> of(List<Result> results) {
    Map<String, Map<String, Result>> byModel = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.ok() && r.timed()) {
        byModel.computeIfAbsent(r.model(), m -> new LinkedHashMap<>()).put(r.service().name(), r);
      }
    }
    Duration bestFanOut = null;
    Duration bestCpu = null;
    boolean anyReal = byModel.keySet().stream().anyMatch(m -> !simulated(m));
    for (var byName : byModel.entrySet()) {
      if (anyReal && simulated(byName.getKey())) {
        continue; // its sleeps take no real time: no real model could be "within 2x" of it
      }
      Map<String, Result> services = byName.getValue();
      Result f = services.get("fan-out");
      if (f != null && (bestFanOut == null || f.medianWall().compareTo(bestFanOut) < 0)) {
        bestFanOut = f.medianWall();
      }
      Result c = services.get("cpu-batch");
      if (c != null && (bestCpu == null || c.medianWall().compareTo(bestCpu) < 0)) {
        bestCpu = c.medianWall();
      }
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    List<Verdict> verdicts = new ArrayList<>();
    for (var e : byModel.entrySet()) {
      Map<String, Result> s = e.getValue();
      Result any = s.values().iterator().next();
      boolean simulated = simulated(e.getKey());
      verdicts.add(new Verdict(e.getKey(),
          io(s.get("fan-out"), bestFanOut),
          cpu(s.get("cpu-batch"), bestCpu, cpus),
          spike(s.get("mixed")),
          simulated ? "simulated (one task at a time)" : scales(any.traits(), s.get("cpu-batch")),
          any.traits() == null ? "-" : any.traits().memory().name().toLowerCase(Locale.ROOT)));
    }
    return verdicts;
  }

  /** Whether {@code model} is the simulation, whose clock is virtual. */
  private static boolean simulated(String model) {
    return model.equals("sim") || model.startsWith("sim:");
  }

  private static String io(Result fanOut, Duration best) {
    if (fanOut == null) {
      return "-";
    }
    boolean good = fanOut.medianWall().toNanos() <= 2 * best.toNanos();
    return (good ? "yes" : "no") + ": fan-out " + ms(fanOut.medianWall()) + " (best "
        + ms(best) + ")";
  }

  private static String cpu(Result batch, Duration best, int cpus) {
    if (batch == null) {
      return "-";
    }
    double cores = batch.cores();
    boolean good = cpus > 1 ? cores > 1.5 : batch.medianWall().toNanos() <= 1.25 * best.toNanos();
    return String.format(Locale.ROOT, "%s: cpu-batch kept %.1f cores busy, %s", good ? "yes" : "no",
        cores, ms(batch.medianWall()));
  }

  private static String spike(Result mixed) {
    if (mixed == null || mixed.latencies().isEmpty()
        || !(mixed.service() instanceof MixedHandler handler)) {
      return "-";
    }
    Duration p50 = Shootout.percentile(mixed.latencies(), 0.50);
    double ratio = (double) p50.toNanos() / Math.max(1, handler.io().toNanos());
    return String.format(Locale.ROOT, "%s: the median request took %s for %s of I/O (%.1fx)",
        ratio > 1.5 ? "yes" : "no", ms(p50), ms(handler.io()), ratio);
  }

  private static String scales(Traits traits, Result batch) {
    if (traits == null) {
      return "-";
    }
    String by = switch (traits.memory()) {
      case ISOLATED -> "processes";
      default -> traits.parallelism() > 1 ? "threads on cores" : "one core per process";
    };
    return batch == null ? by
        : String.format(Locale.ROOT, "%s (parallelism %d; %.1f cores used)", by,
            traits.parallelism(), batch.cores());
  }

  static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }
}
