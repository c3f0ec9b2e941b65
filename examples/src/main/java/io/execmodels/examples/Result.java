package io.execmodels.examples;

import io.execmodels.core.Stats;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * One row of the shootout: a service's measured runs on a model, or what went wrong (a wrong
 * result, a failure, a model that would not open or close).
 *
 * @param model the model's name
 * @param traits what the model reports of itself; null if it would not open
 * @param service the service; null for a problem of the model itself
 * @param runs the measured runs, in the order they ran
 * @param cpus the CPU time of each measured run (this JVM and its child processes), in step with
 *     {@code runs}
 * @param heapPeaks the peak heap of this JVM during each measured run, in bytes ({@link
 *     HeapPeak}), in step with {@code runs}; empty where not measured (an original runtime)
 * @param tasks the task counts of the last measured run; null if none ran
 * @param problem what went wrong, or null
 */
record Result(String model, Traits traits, DemoService service, List<Measured> runs,
    List<Duration> cpus, List<Long> heapPeaks, Stats tasks, String problem) {

  Result {
    runs = List.copyOf(runs);
    cpus = List.copyOf(cpus);
    heapPeaks = List.copyOf(heapPeaks);
    assert cpus.size() == runs.size() : "a CPU time per run";
    assert heapPeaks.isEmpty() || heapPeaks.size() == runs.size() : "a heap peak per run, or none";
  }

  /** A row without heap figures: an original runtime's, or a problem's. */
  Result(String model, Traits traits, DemoService service, List<Measured> runs,
      List<Duration> cpus, Stats tasks, String problem) {
    this(model, traits, service, runs, cpus, List.of(), tasks, problem);
  }

  boolean ok() {
    return problem == null;
  }

  boolean timed() {
    return !runs.isEmpty();
  }

  /** The wall times of the runs, sorted. */
  List<Duration> walls() {
    return runs.stream().map(Measured::wall).sorted().toList();
  }

  /** The median wall time; only if {@link #timed()}. */
  Duration medianWall() {
    List<Duration> w = walls();
    return w.get(w.size() / 2);
  }

  /** The median CPU time of a run; only if {@link #timed()}. */
  Duration medianCpu() {
    List<Duration> c = cpus.stream().sorted().toList();
    return c.get(c.size() / 2);
  }

  /** The median peak heap of a run, in bytes; -1 if not measured. */
  long medianHeapPeak() {
    if (heapPeaks.isEmpty()) {
      return -1;
    }
    List<Long> sorted = heapPeaks.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /**
   * CPU time over wall time, per run, then the median: how many cores a run kept busy on average
   * (1.0 is one core the whole time). Only if {@link #timed()}.
   */
  double cores() {
    double[] ratios = coresPerRun();
    return ratios[ratios.length / 2];
  }

  /**
   * The most cores any measured run kept busy. Other load on the machine can only lower what a
   * run gets, so this is the figure that shows whether a model can use several cores at all.
   * Only if {@link #timed()}.
   */
  double maxCores() {
    double[] ratios = coresPerRun();
    return ratios[ratios.length - 1];
  }

  /** Each run's CPU time over its wall time, sorted. */
  private double[] coresPerRun() {
    double[] ratios = new double[runs.size()];
    for (int i = 0; i < ratios.length; i++) {
      long wall = Math.max(1, runs.get(i).wall().toNanos());
      ratios[i] = (double) cpus.get(i).toNanos() / wall;
    }
    java.util.Arrays.sort(ratios);
    return ratios;
  }

  /** Every request latency of every measured run, sorted; empty for a service without requests. */
  List<Duration> latencies() {
    return runs.stream().flatMap(m -> m.latencies().stream())
        .sorted(Comparator.naturalOrder()).toList();
  }
}
