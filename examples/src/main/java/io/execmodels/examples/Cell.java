package io.execmodels.examples;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.Stats;
import io.execmodels.core.Traits;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One model and service's runs so far. The first problem (a wrong result, a failure) ends its
 * measuring: later rounds skip it.
 *
 * <p>Thread-safe: a run is recorded under the cell's lock, so {@link #result} may be taken from
 * another thread (the shutdown hook's) while runs go on, and sees whole runs only. {@link
 * #runTurn} itself runs the model outside the lock and blocks for the runs.
 */
final class Cell {
  private final String model;
  private final DemoService service;
  private final List<Measured> runs = new ArrayList<>();
  private final List<Duration> cpus = new ArrayList<>();
  private final List<Long> heapPeaks = new ArrayList<>();
  private Stats tasks;
  private String problem;

  Cell(String model, DemoService service) {
    this.model = model;
    this.service = service;
  }

  /** The model's name. */
  String model() {
    return model;
  }

  /** The most runs one turn makes, however short the service, once the JIT is done. */
  static final int MAX_RUNS_PER_TURN = 20;

  /** The longest a warm-up turn goes on while the JIT is still compiling during its runs. */
  static final Duration MAX_WARMUP_TURN = Duration.ofMillis(600);

  /** The JIT's time spent compiling, if this JVM tells it. */
  private static final CompilationMXBean JIT = jit();

  /**
   * Runs {@code service} on {@code model} for one round's turn: once, or again while the turn has
   * lasted less than {@code minTurn} (at most {@link #MAX_RUNS_PER_TURN} runs), so that one
   * scheduler hiccup or GC pause cannot move a short service's median. A warm-up turn at a short
   * service (its fastest run shorter than {@code minTurn}, after two runs) also goes on while the
   * JIT compiled for more than a twentieth of its last run's time (up to {@link #MAX_WARMUP_TURN}): the measured rounds'
   * first runs of such services were up to ten times slower than their last ones, the compiler
   * threads busy beside them, and their medians moved with the order the models ran in. Checks each result, and if {@code measured} records each run's wall time, CPU
   * time ({@link CpuClock}), peak heap ({@link HeapPeak}) and task counts.
   */
  void runTurn(ExecutionModel on, boolean measured, Duration minTurn) {
    long start = System.nanoTime();
    int runs = 0;
    long fastest = Long.MAX_VALUE;
    boolean another;
    do {
      long compiledBefore = compileMillis();
      long runStart = System.nanoTime();
      boolean ok = runOnce(on, measured);
      long runMillis = (System.nanoTime() - runStart) / 1_000_000;
      fastest = Math.min(fastest, runMillis);
      runs++;
      // Still compiling: the JIT's time during the run was more than a twentieth of the run's.
      // Only a short service's figures move with it (a run of a turn or more outlasts it), and
      // a short service's first, cold run may take a turn: it is judged by its fastest run,
      // after two.
      boolean warming = !measured && (runs < 2 || fastest < minTurn.toMillis())
          && (compileMillis() - compiledBefore) * 20 > runMillis;
      long elapsed = System.nanoTime() - start;
      another = ok && (runs < MAX_RUNS_PER_TURN && elapsed < minTurn.toNanos()
          || warming && elapsed < MAX_WARMUP_TURN.toNanos());
    } while (another);
  }

  private static long compileMillis() {
    return JIT == null ? 0 : JIT.getTotalCompilationTime();
  }

  private static CompilationMXBean jit() {
    CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
    return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
  }

  /**
   * Runs {@code service} once on {@code model}, checks its result, and if {@code measured}
   * records its wall time, CPU time ({@link CpuClock}), peak heap ({@link HeapPeak}) and task
   * counts. Returns whether the cell can go on (no problem so far).
   */
  private boolean runOnce(ExecutionModel on, boolean measured) {
    synchronized (this) {
      if (problem != null) {
        return false;
      }
    }
    Stats before = on.stats();
    try {
      HeapPeak.reset();
      Duration cpuBefore = CpuClock.now();
      Measured m = service.measure(on);
      Duration cpu = CpuClock.now().minus(cpuBefore);
      long heap = HeapPeak.bytes();
      Stats after = on.stats();
      synchronized (this) {
        if (m.result() != service.expected()) {
          problem = "WRONG: " + m.result() + ", expected " + service.expected();
        } else if (measured) {
          runs.add(m);
          cpus.add(cpu.isNegative() ? Duration.ZERO : cpu);
          heapPeaks.add(heap);
          tasks = since(before, after);
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // kept: the next run fails at once, and says why
      }
      synchronized (this) {
        problem = "FAILED: " + e;
      }
    }
    synchronized (this) {
      return problem == null;
    }
  }

  /** The row of what was recorded so far. */
  synchronized Result result(Traits traits) {
    return new Result(model, traits, service, runs, cpus, heapPeaks, tasks, problem);
  }

  /** The task counts of one service's run: the difference of two snapshots. */
  private static Stats since(Stats before, Stats after) {
    return new Stats(
        after.spawned() - before.spawned(), after.running(), after.parked(),
        after.succeeded() - before.succeeded(), after.failed() - before.failed(),
        after.cancelled() - before.cancelled(), after.model());
  }
}
