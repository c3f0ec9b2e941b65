package io.execmodels.bench.futures;

import io.execmodels.gilsim.futures.BrokenProcessPool;
import io.execmodels.gilsim.futures.Future;
import io.execmodels.gilsim.futures.MapIterator;
import io.execmodels.gilsim.futures.ProcessPoolExecutor;
import io.execmodels.gilsim.futures.ThreadPoolExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

/**
 * The figures of the CPython anchors {@code threadpool.py} and {@code procpool.py} (round trip,
 * burst, map at chunksize 1 and 100, worker death to {@code BrokenProcessPool}) measured on
 * gilsim's futures, printed as the anchors print theirs ({@code name: median unit}), so that
 * {@code bench/vs-python-futures.sh} can set them side by side. Plain main: a wall-clock figure of
 * a whole operation, as the anchors take it.
 */
public final class FuturesBench {
  private static final int N = 10_000;
  private static final int N_RT = 2_000;
  private static final int N_MAP = 100_000;
  private static final int N_MAP_CS1 = 10_000;

  private FuturesBench() {}

  public static void main(String[] args) throws Exception {
    int defaultWorkers = ThreadPoolExecutor.defaultMaxWorkers();
    for (int w : new int[] {defaultWorkers, 1}) {
      String label = w == defaultWorkers ? "default" : "1worker";
      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(w)) {
        burst(ex);
        double[] rate = new double[5];
        double[] rt = new double[5];
        for (int i = 0; i < 5; i++) {
          rate[i] = N / burst(ex);
        }
        for (int i = 0; i < 5; i++) {
          rt[i] = roundtrip(ex) * 1e6;
        }
        emit("tpe_" + label + "_submit_result_10k_rate", rate, "tasks/s");
        emit("tpe_" + label + "_roundtrip", rt, "us");
      }
    }
    try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
      ex.submit(() -> null).result();
      double[] rt = new double[5];
      for (int i = 0; i < 5; i++) {
        rt[i] = roundtrip(ex) * 1e6;
      }
      emit("ppe_roundtrip_submit_result", rt, "us");
      double[] cs100 = new double[5];
      for (int i = 0; i < 5; i++) {
        cs100[i] = N_MAP / map(ex, N_MAP, 100);
      }
      emit("ppe_map_" + N_MAP + "_cs100_rate", cs100, "tasks/s");
      double[] cs1 = new double[3];
      for (int i = 0; i < 3; i++) {
        cs1[i] = N_MAP_CS1 / map(ex, N_MAP_CS1, 1);
      }
      emit("ppe_map_" + N_MAP_CS1 + "_cs1_rate", cs1, "tasks/s");
    }
    double[] death = new double[5];
    for (int i = 0; i < 5; i++) {
      death[i] = workerDeath() * 1e3;
    }
    emit("ppe_worker_death_to_brokenprocesspool", death, "ms");
  }

  private static double burst(io.execmodels.gilsim.futures.Executor ex) throws Exception {
    long t0 = System.nanoTime();
    List<Future<Integer>> fs = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int x = i;
      fs.add(ex.submit(() -> x));
    }
    for (Future<Integer> f : fs) {
      f.result();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double roundtrip(io.execmodels.gilsim.futures.Executor ex) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < N_RT; i++) {
      int x = i;
      ex.submit(() -> x).result();
    }
    return (System.nanoTime() - t0) / 1e9 / N_RT;
  }

  private static double map(ProcessPoolExecutor ex, int n, int chunksize) {
    long t0 = System.nanoTime();
    int count = 0;
    try (MapIterator<Integer> it =
        ex.map((Integer x) -> x, IntStream.range(0, n).boxed().toList(), null, chunksize)) {
      while (it.hasNext()) {
        it.next();
        count++;
      }
    }
    if (count != n) {
      throw new AssertionError(count + " results of " + n);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** From submitting a task that kills its child to its future failing with BrokenProcessPool. */
  private static double workerDeath() throws Exception {
    ProcessPoolExecutor ex = new ProcessPoolExecutor(2);
    try {
      ex.submit(() -> null).result();
      Future<Object> bystander = ex.submit(() -> {
        Thread.sleep(2_000);
        return null;
      });
      long t0 = System.nanoTime();
      Future<Object> f = ex.submit(() -> {
        Runtime.getRuntime().halt(1);
        return null;
      });
      double dt;
      try {
        f.result(Duration.ofSeconds(10));
        throw new AssertionError("no error");
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof BrokenProcessPool)) {
          throw e;
        }
        dt = (System.nanoTime() - t0) / 1e9;
      }
      try {
        bystander.result(Duration.ofSeconds(10));
        throw new AssertionError("bystander survived");
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof BrokenProcessPool)) {
          throw e;
        }
      }
      return dt;
    } finally {
      ex.shutdown(true, false);
    }
  }

  private static void emit(String name, double[] samples, String unit) {
    double[] s = samples.clone();
    Arrays.sort(s);
    double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    System.out.printf("%s: %.4g %s%n", name, median, unit);
    System.out.flush();
  }
}
