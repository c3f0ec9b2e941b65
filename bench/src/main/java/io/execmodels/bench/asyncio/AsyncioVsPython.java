package io.execmodels.bench.asyncio;

import io.execmodels.core.Body;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.gilsim.asyncio.Asyncio;
import io.execmodels.gilsim.asyncio.Queue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleUnaryOperator;

/**
 * The workloads of the CPython anchors {@code asyncio_bench.py} and {@code asyncio_blocking.py},
 * written with this library's asyncio API on the {@code asyncio} model, printing the same figure
 * names in the same form ({@code name: value unit}, a median) so that {@code
 * bench/vs-python-asyncio.sh} can put them side by side. Each run opens a fresh model, as each of
 * the anchor's runs is a fresh {@code asyncio.run}. A plain main, not JMH: the figures are the
 * anchor's, measured the anchor's way, except that each figure gets {@value #WARMUPS} runs first
 * that are not counted (the JIT's, which CPython does not have) and is the median of {@value
 * #REPS}: a run of 100,000 queue messages takes 5-50 ms here, and one young-generation pause of
 * 10-20 ms inside it moved a median of 5 by 3x between two runs.
 */
public final class AsyncioVsPython {
  private static final int WARMUPS = 3;
  private static final int REPS = 9;
  private static final double SCALE =
      Double.parseDouble(System.getenv().getOrDefault("ANCHOR_SCALE", "1"));
  private static final int N_TASKS = scaled(100_000);
  private static final int N_SLEEP0 = scaled(100_000);
  private static final int N_MSGS = scaled(100_000);
  private static final int N_TIMERS = scaled(10_000);

  private AsyncioVsPython() {}

  private static int scaled(int n) {
    return Math.max(1, (int) (n * SCALE));
  }

  private static double now() {
    return System.nanoTime() / 1e9;
  }

  /** A run of the workload: seconds (or another raw figure). */
  private interface Run {
    double once() throws Exception;
  }

  private static double onModel(Body<Double> body) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("asyncio")) {
      return model.run(body);
    }
  }

  private static void emit(String name, Run run, String unit, DoubleUnaryOperator transform)
      throws Exception {
    for (int i = 0; i < WARMUPS; i++) {
      run.once();
    }
    double[] v = new double[REPS];
    for (int i = 0; i < REPS; i++) {
      v[i] = transform.applyAsDouble(run.once());
    }
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    System.out.printf("%s: %.6g %s%n", name, sorted[REPS / 2], unit);
    System.err.printf("# %s: median=%.4g min=%.4g max=%.4g n=%d unit=%s%n", name,
        sorted[REPS / 2], sorted[0], sorted[REPS - 1], REPS, unit);
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  static double gatherTasks() throws Exception {
    return onModel(ctx -> {
      double t0 = now();
      List<Task<Integer>> tasks = new ArrayList<>(N_TASKS);
      for (int i = 0; i < N_TASKS; i++) {
        int n = i;
        tasks.add(Asyncio.createTask(ctx, c -> n));
      }
      List<Integer> res = Asyncio.gather(ctx, tasks);
      double dt = now() - t0;
      if (res.size() != N_TASKS || res.get(N_TASKS - 1) != N_TASKS - 1) {
        throw new AssertionError("gather lost results");
      }
      return dt;
    });
  }

  static double sleep0Loop() throws Exception {
    return onModel(ctx -> {
      double t0 = now();
      for (int i = 0; i < N_SLEEP0; i++) {
        Asyncio.sleep(ctx, Duration.ZERO);
      }
      return now() - t0;
    });
  }

  static double queuePc(int maxsize, int nMsgs) throws Exception {
    return onModel(ctx -> {
      Queue<Integer> q = new Queue<>(maxsize);
      double t0 = now();
      Task<Integer> producer = Asyncio.createTask(ctx, c -> {
        for (int i = 0; i < nMsgs; i++) {
          q.put(c, i);
        }
        q.put(c, -1);
        return 0;
      });
      Task<Integer> consumer = Asyncio.createTask(ctx, c -> {
        int n = 0;
        while (q.get(c) >= 0) {
          n++;
        }
        return n;
      });
      int n = Asyncio.gather(ctx, List.of(producer, consumer)).get(1);
      double dt = now() - t0;
      if (n != nMsgs) {
        throw new AssertionError("queue lost messages");
      }
      return dt;
    });
  }

  static double manySleeps() throws Exception {
    return onModel(ctx -> {
      double t0 = now();
      List<Task<Object>> tasks = new ArrayList<>(N_TIMERS);
      for (int i = 0; i < N_TIMERS; i++) {
        tasks.add(Asyncio.createTask(ctx, c -> {
          Asyncio.sleep(c, Duration.ofMillis(10));
          return null;
        }));
      }
      Asyncio.gather(ctx, tasks);
      return now() - t0;
    });
  }

  static double sleep1msActual() throws Exception {
    return onModel(ctx -> {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        double t0 = now();
        Asyncio.sleep(ctx, Duration.ofMillis(1));
        out.add(now() - t0);
      }
      return median(out);
    });
  }

  static double waitForOvershoot() throws Exception {
    return onModel(ctx -> {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        double t0 = now();
        try {
          Asyncio.waitFor(ctx, Asyncio.createTask(ctx, c -> {
            Asyncio.sleep(c, Duration.ofSeconds(10));
            return null;
          }), Duration.ofMillis(10));
        } catch (TimeoutException expected) {
          // the figure is how late it came
        }
        out.add(now() - t0 - 0.01);
      }
      return median(out);
    });
  }

  static double timeoutOvershoot() throws Exception {
    return onModel(ctx -> {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        double t0 = now();
        try {
          Asyncio.timeout(ctx, Duration.ofMillis(10), c -> {
            Asyncio.sleep(c, Duration.ofSeconds(10));
            return null;
          });
        } catch (TimeoutException expected) {
          // the figure is how late it came
        }
        out.add(now() - t0 - 0.01);
      }
      return median(out);
    });
  }

  static double cancelLatency() throws Exception {
    return onModel(ctx -> {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        double[] hit = new double[1];
        Task<Object> victim = Asyncio.createTask(ctx, c -> {
          try {
            Asyncio.sleep(c, Duration.ofSeconds(10));
          } catch (CancellationException e) {
            hit[0] = now();
            throw e;
          }
          return null;
        });
        Asyncio.sleep(ctx, Duration.ZERO);
        double t0 = now();
        victim.cancel();
        try {
          ctx.await(victim);
        } catch (CancellationException expected) {
          // awaited to the end
        }
        Asyncio.sleep(ctx, Duration.ZERO);
        out.add(hit[0] - t0);
      }
      return median(out);
    });
  }

  private static long burn(double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long x = 0;
    while (System.nanoTime() < end) {
      x++;
    }
    return x;
  }

  static double blockingLateness(boolean inline) throws Exception {
    return onModel(ctx -> {
      List<Double> late = new ArrayList<>();
      if (!inline) {
        Asyncio.toThread(ctx, () -> null); // start the default executor's thread beforehand
      }
      Task<Object> sleeper = Asyncio.createTask(ctx, c -> {
        if (!inline) {
          Asyncio.sleep(c, Duration.ofMillis(10)); // the worker is now burning CPU
        }
        for (int i = 0; i < (inline ? 1 : 10); i++) {
          double t0 = now();
          Asyncio.sleep(c, Duration.ofMillis(1));
          late.add(now() - t0 - 0.001);
        }
        return null;
      });
      Task<Object> blocker = Asyncio.createTask(ctx, c -> {
        if (inline) {
          Asyncio.sleep(c, Duration.ZERO); // the sleeper has armed its 1 ms timer by now
          c.compute(() -> burn(0.2));
        } else {
          Asyncio.toThread(c, () -> burn(0.2));
        }
        return null;
      });
      Asyncio.gather(ctx, List.of(sleeper, blocker));
      return median(late);
    });
  }

  /** Prints every figure. */
  public static void main(String[] args) throws Exception {
    emit("asyncio_create_task_gather_100k_rate", AsyncioVsPython::gatherTasks, "tasks/s",
        s -> N_TASKS / s);
    emit("asyncio_sleep0_rate", AsyncioVsPython::sleep0Loop, "iter/s", s -> N_SLEEP0 / s);
    emit("asyncio_queue_unbounded_rate", () -> queuePc(0, N_MSGS), "msgs/s", s -> N_MSGS / s);
    emit("asyncio_queue_maxsize100_rate", () -> queuePc(100, N_MSGS), "msgs/s",
        s -> N_MSGS / s);
    int n1 = N_MSGS / 5;
    emit("asyncio_queue_maxsize1_rate", () -> queuePc(1, n1), "msgs/s", s -> n1 / s);
    emit("asyncio_10k_concurrent_sleep10ms_wall", AsyncioVsPython::manySleeps, "ms",
        s -> s * 1e3);
    emit("asyncio_sleep1ms_actual", AsyncioVsPython::sleep1msActual, "ms", s -> s * 1e3);
    emit("asyncio_wait_for_10ms_timeout_overshoot", AsyncioVsPython::waitForOvershoot, "ms",
        s -> s * 1e3);
    emit("asyncio_timeout_cm_10ms_overshoot", AsyncioVsPython::timeoutOvershoot, "ms",
        s -> s * 1e3);
    emit("asyncio_task_cancel_to_cancellederror", AsyncioVsPython::cancelLatency, "us",
        s -> s * 1e6);
    emit("asyncio_block200ms_inline_sleep1ms_lateness", () -> blockingLateness(true), "ms",
        s -> s * 1e3);
    emit("asyncio_block200ms_to_thread_sleep1ms_lateness", () -> blockingLateness(false), "ms",
        s -> s * 1e3);
  }
}
