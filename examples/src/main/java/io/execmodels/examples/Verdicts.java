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
 * <p>The rules: good for I/O if its fan-out's median is within 2x the fastest model's (with what
 * the fan-out gave at the highest arrival rate measured, when levels were run); good for CPU if a
 * CPU batch kept more than 1.5 cores busy (or, on one CPU, if it ran as fast as the fastest); a
 * spike hurts I/O if the mixed handler's median request took more than 1.5x its I/O wait (the
 * spikes of other requests delayed it); cheap to fan out if a parked task costs at most {@link
 * #CHEAP_TASK_BYTES} of heap and no OS thread (Go's goroutine starts at a few KB); scaling and
 * isolation are the model's own {@link Traits}, with the cores used, the child processes' memory
 * or the one heap's peak beside them. A simulated
 * model's times are real but say nothing about the model it simulates: its row says so, and the
 * "fastest" the others are judged against is a real model's (the simulation's sleeps take no
 * real time).
 *
 * <p>The originals ({@code go (original)}...) are judged by the same rules against the same
 * fastest model, but are not candidates for it themselves (unless no model ran): their times are
 * taken inside their own process, from their own runtime's clock, without the model's {@code
 * run} around the service, so a model trailing one of them by a few milliseconds would be judged
 * on how it was timed rather than on what it is. A model beating an original shows as such in
 * the original's row ("best" below its own figure). Their memory figures are their runtime's own
 * measure, which the answer names.
 */
final class Verdicts {
  private Verdicts() {}

  /** The most heap a parked task may take for its model to be called cheap to fan out. */
  static final long CHEAP_TASK_BYTES = 16 * 1024;

  /** One model's answers, each with its figure. */
  record Verdict(String model, String io, String cpu, String spike, String fanOut, String scales,
      String isolation) {}

  static List<Verdict> of(Findings findings) {
    Map<String, Map<String, Result>> byModel = new LinkedHashMap<>();
    for (Result r : findings.results()) {
      if (r.ok() && r.timed()) {
        byModel.computeIfAbsent(r.model(), m -> new LinkedHashMap<>()).put(r.service().name(), r);
      }
    }
    Duration bestFanOut = null;
    Duration bestCpu = null;
    boolean anyReal = byModel.keySet().stream().anyMatch(m -> !simulated(m));
    boolean anyRealModel = byModel.keySet().stream()
        .anyMatch(m -> !simulated(m) && !Reference.original(m));
    for (var byName : byModel.entrySet()) {
      if (anyReal && simulated(byName.getKey())) {
        continue; // its sleeps take no real time: no real model could be "within 2x" of it
      }
      if (anyRealModel && Reference.original(byName.getKey())) {
        continue; // judged, never the yardstick: see the class comment
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
          io(s.get("fan-out"), bestFanOut, busiest(findings.levels(), e.getKey(), "fan-out")),
          cpu(s.get("cpu-batch"), bestCpu, cpus),
          spike(s.get("mixed")),
          fanOut(memory(findings.memory(), e.getKey())),
          simulated ? "simulated (one task at a time)"
              : scales(e.getKey(), any.traits(), s.get("cpu-batch")),
          isolation(any.traits(), findings.children().get(e.getKey()), s.values())));
    }
    return verdicts;
  }

  /** {@code model}'s level of {@code workload} at the highest arrival rate, if one was run. */
  private static LevelResult busiest(List<LevelResult> levels, String model, String workload) {
    LevelResult best = null;
    for (LevelResult l : levels) {
      if (l.ok() && l.model().equals(model) && l.workload().equals(workload)
          && (best == null || l.rate() > best.rate())) {
        best = l;
      }
    }
    return best;
  }

  private static TaskMemory memory(List<TaskMemory> memory, String model) {
    return memory.stream().filter(m -> m.ok() && m.model().equals(model)).findFirst()
        .orElse(null);
  }

  /** Whether {@code model} is the simulation, whose clock is virtual. */
  private static boolean simulated(String model) {
    return model.equals("sim") || model.startsWith("sim:");
  }

  private static String io(Result fanOut, Duration best, LevelResult busiest) {
    if (fanOut == null) {
      return "-";
    }
    boolean good = fanOut.medianWall().toNanos() <= 2 * best.toNanos();
    String verdict = (good ? "yes" : "no") + ": fan-out " + ms(fanOut.medianWall()) + " (best "
        + ms(best) + ")";
    if (busiest == null) {
      return verdict;
    }
    return verdict + String.format(Locale.ROOT, "; offered %d req/s, served %.0f/s, p99 %s",
        busiest.rate(), busiest.throughput(),
        ms(Shootout.percentile(busiest.latencies(), 0.99)));
  }

  private static String fanOut(TaskMemory m) {
    if (m == null) {
      return "-";
    }
    String figure = m.measure().equals(TaskMemory.JVM_HEAP)
        ? kb(m.bytesPerTask()) + " of heap per parked task"
        : kb(m.bytesPerTask()) + " (" + m.measure() + ") per parked " + m.task();
    if (m.platformThreads()) {
      return "no: each task is an OS thread, its stack outside the heap, beside " + figure;
    }
    return (m.bytesPerTask() <= CHEAP_TASK_BYTES ? "yes: " : "no: ") + figure;
  }

  private static String isolation(Traits traits, ChildProcesses.Usage children,
      java.util.Collection<Result> runs) {
    if (traits == null) {
      return "-";
    }
    if (traits.memory() == Traits.Memory.ISOLATED) {
      if (children == null || children.processes() == 0) {
        return "isolated: jobs and results cross as copies (no child process started in this"
            + " run)";
      }
      return "isolated: " + children.processes() + " child process"
          + (children.processes() == 1 ? "" : "es")
          + (children.peakBytes() < 0 ? ""
              : String.format(Locale.ROOT, ", %.0f MB resident at peak in all",
                  children.peakBytes() / 1e6));
    }
    long peak = runs.stream().mapToLong(Result::medianHeapPeak).max().orElse(-1);
    return "shared: one heap" + (peak < 0 ? ""
        : String.format(Locale.ROOT, ", %.0f MB at its busiest run's peak", peak / 1e6));
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
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

  private static String scales(String model, Traits traits, Result batch) {
    if (traits == null) {
      return "-";
    }
    // Traits do not tell a process pool from one whose workers are other machines: the name does.
    String by = model.equals("grid") ? "cluster members (JVMs, machines)"
        : switch (traits.memory()) {
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
