package io.execmodels.examples;

import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An I/O-bound service: a request fans out to {@code calls} backends at once and aggregates
 * their replies — the workload event loops and goroutines are built for.
 *
 * <p>Each backend call is a task that waits {@code latency} on the model's clock ({@link
 * Ctx#sleep}), standing for a remote call, and replies with its own number {@code i} (1 to {@code
 * calls}). The aggregator spawns them all, awaits them all ({@link Ctx#awaitAll}, like {@code
 * Promise.all} or a {@code WaitGroup}) and returns the sum of the replies, {@code calls * (calls +
 * 1) / 2}.
 *
 * <p>What to look for: the calls wait concurrently on every model, so the wall time is close to
 * one {@code latency}, not {@code calls} of them. The sleep is the model's own wait; a real client
 * that blocks a thread would go through {@link Ctx#blocking} instead, and then the models differ
 * (see their {@code ioConcurrency} trait).
 */
public final class FanOutAggregator implements DemoService {

  private final int calls;
  private final Duration latency;

  /** 100 calls of 50 ms each. */
  public FanOutAggregator() {
    this(100, Duration.ofMillis(50));
  }

  /**
   * A fan-out of {@code calls} backend calls, each taking {@code latency}.
   *
   * @throws IllegalArgumentException if {@code calls} is negative or {@code latency} negative
   */
  public FanOutAggregator(int calls, Duration latency) {
    if (calls < 0) {
      throw new IllegalArgumentException("calls must not be negative, was " + calls);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, was " + latency);
    }
    this.calls = calls;
    this.latency = latency;
  }

  /** How many backend calls a request makes. */
  public int calls() {
    return calls;
  }

  /** How long each backend call takes, on the model's clock. */
  public Duration latency() {
    return latency;
  }

  @Override
  public String name() {
    return "fan-out";
  }

  @Override
  public String workload() {
    return calls + " calls x " + latency.toMillis() + " ms";
  }

  @Override
  public long expected() {
    return (long) calls * (calls + 1) / 2;
  }

  @Override
  public long call(Ctx ctx) {
    List<Task<Long>> replies = new ArrayList<>(calls);
    for (int i = 1; i <= calls; i++) {
      long backend = i;
      replies.add(ctx.spawn("backend-" + i, c -> remoteCall(c, backend)));
    }
    long total = 0;
    for (long reply : ctx.awaitAll(replies)) {
      total += reply;
    }
    return total;
  }

  /** The stand-in for a remote call: waits the latency, then replies with the backend's number. */
  private long remoteCall(Ctx ctx, long backend) {
    ctx.sleep(latency);
    return backend;
  }
}
