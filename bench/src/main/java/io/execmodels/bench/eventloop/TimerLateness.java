package io.execmodels.bench.eventloop;

import io.execmodels.eventloop.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Timer lateness, the twin of {@code micro.js}'s {@code timers} and {@code blocking} figures;
 * percentiles are no JMH figure, so this is a plain program printing the anchor's {@code name:
 * value unit} lines (the median of 5 repetitions, after 3 warm-up repetitions: the JIT needs more
 * than V8's one before arming 10,000 timers takes well under their 10 ms):
 *
 * <ul>
 *   <li>{@code timer_10ms_x10k_batch_lateness_p50/p99}: 10,000 timers of 10 ms armed at once; how
 *       late each fires after its due time;
 *   <li>{@code timer_1ms_delay_during_200ms_sync_cpu}: a 1 ms timer armed before a callback that
 *       computes for 200 ms; how late it fires.
 * </ul>
 */
public final class TimerLateness {
  private static final int REPS = 5;
  private static final int WARMUP = 3;

  private TimerLateness() {}

  /** Prints the figures. */
  public static void main(String[] args) {
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> blocked = new ArrayList<>();
    for (int rep = -WARMUP; rep < REPS; rep++) {
      double[] late = batch(10_000, 10);
      double b = blockedTimer(200);
      if (rep >= 0) {
        p50.add(percentile(late, 50));
        p99.add(percentile(late, 99));
        blocked.add(b);
      }
    }
    System.out.printf("timer_10ms_x10k_batch_lateness_p50: %.3f ms%n", median(p50));
    System.out.printf("timer_10ms_x10k_batch_lateness_p99: %.3f ms%n", median(p99));
    System.out.printf("timer_1ms_delay_during_200ms_sync_cpu: %.3f ms%n", median(blocked));
  }

  private static double[] batch(int n, int ms) {
    double[] late = new double[n];
    try (EventLoop loop = new EventLoop()) {
      loop.run(() -> {
        for (int i = 0; i < n; i++) {
          int k = i;
          long due = System.nanoTime() + ms * 1_000_000L;
          loop.setTimeout(() -> late[k] = (System.nanoTime() - due) / 1e6, ms);
        }
      });
    }
    return late;
  }

  private static double blockedTimer(int blockMs) {
    double[] delay = new double[1];
    try (EventLoop loop = new EventLoop()) {
      loop.run(() -> {
        long t0 = System.nanoTime();
        loop.setTimeout(() -> delay[0] = (System.nanoTime() - t0) / 1e6 - 1, 1);
        long end = t0 + blockMs * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
          x++;
        }
        if (x < 0) {
          throw new AssertionError();
        }
      });
    }
    return delay[0];
  }

  private static double percentile(double[] values, int p) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }

  private static double median(List<Double> values) {
    double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s[s.length / 2];
  }
}
