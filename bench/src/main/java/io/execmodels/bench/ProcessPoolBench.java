package io.execmodels.bench;

import io.execmodels.core.Job;
import io.execmodels.multiprocess.BrokenWorkerException;
import io.execmodels.multiprocess.PoolOptions;
import io.execmodels.multiprocess.WorkerPool;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/**
 * The process-pool figures of {@code ../shared/anchors/python/bench/procpool.py}, measured the
 * same way on {@link WorkerPool}: a plain main rather than JMH, since most figures are one-shot
 * (a start, a crash) and the children are processes of their own. Prints {@code name: value unit}
 * lines (the median of several repetitions), as the Python anchor does; {@code bench/vs-python.sh}
 * runs both in one session and prints the ratios.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.execmodels.bench.ProcessPoolBench}.
 * {@code -Dscale=0.2} shrinks the loops for a smoke run.
 */
public final class ProcessPoolBench {

  private static final double SCALE = Double.parseDouble(System.getProperty("scale", "1"));
  private static final int N_RT = scaled(2000);
  private static final int N_MAP = scaled(100_000);
  /** Iterations of the CPU job per unit: about as long as the anchor's countdown unit here. */
  private static final long UNIT = Long.getLong("cpuUnit", 40_000_000L);

  private ProcessPoolBench() {}

  /**
   * The anchor's {@code noop(i)}: Python pickles a top-level function by its name, and a named
   * class is Java's equivalent (a lambda is deserialized through its capturing class's {@code
   * $deserializeLambda$}, which costs more; {@code pool_roundtrip_submit_get_lambda} shows it).
   */
  record Noop(int value) implements Job<Integer> {
    @Override
    public Integer compute() {
      return value;
    }
  }

  /** The anchor's initializer {@code announce(q)}: a named function, so a named class here. */
  record Announce() implements Job<Object> {
    @Override
    public Object compute() {
      return ProcessHandle.current().pid();
    }
  }

  /** The anchor's {@code die()}: {@code os._exit(1)}. */
  record Die() implements Job<Object> {
    @Override
    public Object compute() {
      Runtime.getRuntime().halt(1);
      return null;
    }
  }

  private static int scaled(int n) {
    return Math.max(1, (int) (n * SCALE));
  }

  /** Entry point; {@code args} may name the figures to run (start, rt, map, cpu, death). */
  public static void main(String[] args) throws Exception {
    List<String> only = Arrays.asList(args);
    if (only.isEmpty() || only.contains("start")) {
      startup();
    }
    if (only.isEmpty() || only.contains("rt") || only.contains("map")) {
      try (WorkerPool pool = WorkerPool.start(PoolOptions.defaults().withWorkers(2))) {
        pool.submit(() -> null).get();
        warm(pool);
        if (only.isEmpty() || only.contains("rt")) {
          emit("pool_roundtrip_submit_get", reps(5, () -> roundTrip(pool)), "us", s -> s * 1e6);
          emit("pool_roundtrip_submit_get_lambda", reps(5, () -> roundTripLambda(pool)), "us",
              s -> s * 1e6);
        }
        if (only.isEmpty() || only.contains("map")) {
          emit("pool_map_" + N_MAP + "_cs100_rate", reps(5, () -> map(pool, 100)), "tasks/s",
              s -> N_MAP / s);
          emit("pool_map_" + N_MAP + "_cs1_rate", reps(3, () -> map(pool, 1)), "tasks/s",
              s -> N_MAP / s);
        }
      }
    }
    if (only.isEmpty() || only.contains("cpu")) {
      cpu();
    }
    if (only.isEmpty() || only.contains("death")) {
      emit("pool_worker_death_to_broken", reps(5, () -> death(new Die())), "ms", s -> s * 1e3);
      emit("pool_worker_death_to_broken_lambda", reps(5, () -> death(() -> {
        Runtime.getRuntime().halt(1);
        return null;
      })), "ms", s -> s * 1e3);
    }
  }

  @FunctionalInterface
  private interface Sample {
    double seconds() throws Exception;
  }

  private static double[] reps(int n, Sample s) throws Exception {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = s.seconds();
    }
    return out;
  }

  private static void emit(String name, double[] samples, String unit, DoubleUnaryOperator f) {
    double[] v = Arrays.stream(samples).map(f).sorted().toArray();
    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    System.out.printf("%s: %s %s%n", name, fmt(median), unit);
    System.err.printf("# %s: median=%s min=%s max=%s n=%d unit=%s%n", name, fmt(median),
        fmt(v[0]), fmt(v[v.length - 1]), v.length, unit);
  }

  private static String fmt(double v) {
    double a = Math.abs(v);
    return a >= 1000 ? String.format("%.0f", v) : a >= 100 ? String.format("%.1f", v)
        : a >= 10 ? String.format("%.2f", v) : String.format("%.3f", v);
  }

  private static double now() {
    return System.nanoTime() / 1e9;
  }

  // ---- start-up: what each lever buys ----------------------------------------------------------

  private static void startup() throws Exception {
    PoolOptions lean = PoolOptions.defaults().withWorkers(2);
    // First start of this class path makes the archive (the children dump it when they exit).
    start(lean);
    emit("pool_startup_2workers", reps(5, () -> start(lean)), "ms", s -> s * 1e3);
    emit("pool_startup_2workers_no_appcds", reps(5, () -> start(lean.withCdsCache(null))), "ms",
        s -> s * 1e3);
    emit("pool_startup_2workers_jvm_defaults_no_appcds",
        reps(5, () -> start(lean.withCdsCache(null).withJvmOptions(List.of()))), "ms",
        s -> s * 1e3);
    PoolOptions one = lean.withWorkers(1);
    emit("pool_startup_2workers_one_after_another", reps(5, () -> start(one) + start(one)), "ms",
        s -> s * 1e3);
    emit("pool_close_2workers", reps(5, () -> {
      WorkerPool p = WorkerPool.start(lean);
      double t0 = now();
      p.close();
      return now() - t0;
    }), "ms", s -> s * 1e3);
  }

  /** Seconds from start to every worker ready (initializer run), as the anchor times it. */
  private static double start(PoolOptions options) {
    double t0 = now();
    WorkerPool p = WorkerPool.start(options.withInitializer(new Announce()));
    double t = now() - t0;
    p.close();
    return t;
  }

  // ---- round trip and map ------------------------------------------------------------------------

  private static void warm(WorkerPool pool) throws Exception {
    for (int i = 0; i < 3; i++) {
      roundTrip(pool);
      pool.map(x -> x, IntStream.range(0, 20_000).boxed().toList(), 1);
      pool.map(x -> x, IntStream.range(0, 20_000).boxed().toList(), 100);
    }
  }

  private static double roundTrip(WorkerPool pool) throws Exception {
    double t0 = now();
    for (int i = 0; i < N_RT; i++) {
      pool.submit(new Noop(i)).get();
    }
    return (now() - t0) / N_RT;
  }

  private static double roundTripLambda(WorkerPool pool) throws Exception {
    double t0 = now();
    for (int i = 0; i < N_RT; i++) {
      int v = i;
      pool.submit(() -> v).get();
    }
    return (now() - t0) / N_RT;
  }

  private static double map(WorkerPool pool, int chunksize) {
    List<Integer> items = IntStream.range(0, N_MAP).boxed().toList();
    double t0 = now();
    List<Integer> r = pool.map(x -> x, items, chunksize);
    double t = now() - t0;
    if (r.size() != N_MAP) {
      throw new AssertionError("map lost results: " + r.size());
    }
    return t;
  }

  // ---- CPU-bound speed-up --------------------------------------------------------------------------

  /** A CPU loop the JIT can neither remove nor shortcut: xorshift, whose last value is returned. */
  private static long spin(long units) {
    long x = 88172645463325252L;
    for (long u = 0; u < units; u++) {
      for (long i = 0; i < UNIT; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
    }
    return x;
  }

  private static void cpu() throws Exception {
    try (WorkerPool one = WorkerPool.start(PoolOptions.defaults().withWorkers(1));
        WorkerPool two = WorkerPool.start(PoolOptions.defaults().withWorkers(2))) {
      // Warm both (JIT-compile the loop in every child).
      one.submit(() -> spin(1)).get();
      List<Long> units = List.of(1L, 1L);
      two.map(ProcessPoolBench::spin, units, 1);
      double[] a = new double[5];
      double[] b = new double[5];
      double[] ratio = new double[5];
      for (int i = 0; i < 5; i++) {
        double t0 = now();
        one.submit(() -> spin(2)).get();
        a[i] = now() - t0;
        t0 = now();
        two.map(ProcessPoolBench::spin, units, 1);
        b[i] = now() - t0;
        ratio[i] = a[i] / b[i];
      }
      emit("pool_cpu_2units_1proc_wall", a, "ms", s -> s * 1e3);
      emit("pool_cpu_2units_2procs_wall", b, "ms", s -> s * 1e3);
      emit("pool_cpu_2procs_speedup", ratio, "x", s -> s);
    }
  }

  // ---- worker death --------------------------------------------------------------------------------

  /** Seconds from submitting a job that kills its worker to its future failing. */
  private static double death(Job<Object> die) throws Exception {
    try (WorkerPool pool = WorkerPool.start(PoolOptions.defaults().withWorkers(2))) {
      pool.submit(new Noop(0)).get();
      CompletableFuture<Object> bystander = pool.submit(() -> {
        Thread.sleep(2000);
        return null;
      });
      double t0 = now();
      CompletableFuture<Object> f = pool.submit(die);
      double t;
      try {
        f.get(10, TimeUnit.SECONDS);
        throw new AssertionError("no error");
      } catch (ExecutionException e) {
        t = now() - t0;
        if (!(e.getCause() instanceof BrokenWorkerException)) {
          throw new AssertionError("not a BrokenWorkerException", e.getCause());
        }
      }
      try {
        bystander.get(10, TimeUnit.SECONDS);
        throw new AssertionError("bystander survived");
      } catch (ExecutionException expected) {
        // Failed with the pool, as in Python.
      }
      return t;
    }
  }
}
