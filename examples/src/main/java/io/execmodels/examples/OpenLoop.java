package io.execmodels.examples;

import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Drives requests at a fixed arrival rate from inside one run (an open loop): request {@code i}
 * arrives at {@code start + i * interval} whatever the earlier ones do, so a slow model is not
 * spared arrivals and its latency is not hidden by coordinated omission. Each request is a task
 * of its own; its latency runs from its scheduled arrival to its end, on the model's clock (so
 * virtual under simulation).
 *
 * <p>Not thread-safe in itself: {@link #drive} runs in one task, the driver, which sleeps until
 * each arrival and spawns the request; requests that fell due while it slept (a timer coarser
 * than the interval, a loop busy with CPU work) are spawned at once, late, and the lateness is in
 * their latency.
 */
final class OpenLoop {
  private OpenLoop() {}

  /** One request's work. */
  @FunctionalInterface
  interface Handler {
    /**
     * Serves request {@code n} in the task {@code ctx} belongs to.
     *
     * @return the request's reply, summed by the driver
     * @throws Exception if the request fails, which fails the run
     */
    long handle(Ctx ctx, int n) throws Exception;
  }

  /**
   * What a driven run gave.
   *
   * @param sum the sum of the replies
   * @param span from the first arrival to the last request's end, on the model's clock
   */
  record Served(long sum, Duration span) {}

  /**
   * Serves {@code requests} requests arriving {@code interval} apart, each by {@code handler} in a
   * task of its own, waits for them all, and adds each one's latency to {@code latencies} (which
   * must be safe to add to from any task).
   *
   * @throws Exception the first failure of a request
   */
  static Served drive(Ctx ctx, int requests, Duration interval, Handler handler,
      Collection<Duration> latencies) throws Exception {
    assert requests >= 0 && !interval.isNegative();
    long start = ctx.now();
    long step = interval.toNanos();
    List<Task<Long>> inFlight = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) {
      long arrival = start + i * step;
      long wait = arrival - ctx.now();
      if (wait > 0) {
        ctx.sleep(Duration.ofNanos(wait));
      }
      int n = i;
      inFlight.add(ctx.spawn("request-" + i, c -> {
        long reply = handler.handle(c, n);
        latencies.add(Duration.ofNanos(c.now() - arrival));
        return reply;
      }));
    }
    long sum = 0;
    for (long reply : ctx.awaitAll(inFlight)) {
      sum += reply;
    }
    return new Served(sum, Duration.ofNanos(ctx.now() - start));
  }
}
