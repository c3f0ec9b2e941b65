package io.execmodels.examples;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.Job;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A request handler that is mostly I/O and sometimes a CPU spike, under an open-loop arrival of
 * requests: the workload that shows what CPU work in one request does to the latency of the
 * others. Request {@code i} arrives at {@code i * interval} whatever the earlier ones do (open
 * loop: a slow model is not spared arrivals, so latency is not hidden by coordinated omission),
 * waits {@code io} (a call to a slow upstream), and every {@code spikeEvery}-th one then runs a
 * CPU job (counting primes) through {@link Ctx#compute}. A request's latency runs from its
 * scheduled arrival to its end.
 *
 * <p>{@link #expected()} is the sum of the request numbers, a closed formula; every request adds
 * its number once.
 *
 * <p>What to look for: on a model whose CPU work blocks everything (an event loop, a GIL), the
 * spikes raise the p99 of the I/O-only requests that arrive while one runs; on a model with
 * parallelism or a pool, much less.
 */
public final class MixedHandler implements DemoService {

  private final int requests;
  private final Duration interval;
  private final Duration io;
  private final int spikeEvery;
  private final int spikePrimesBelow;

  /**
   * 200 requests 1 ms apart, each waiting 10 ms, every 20th then counting primes below 250,000
   * (about 10 ms of CPU here): a spike long enough that a model running it on the loop, or under
   * a GIL, delays the requests around it by several times their own 10 ms.
   */
  public MixedHandler() {
    this(200, Duration.ofMillis(1), Duration.ofMillis(10), 20, 250_000);
  }

  /** How long each request waits on its upstream: what a request takes when nothing delays it. */
  public Duration io() {
    return io;
  }

  /**
   * @throws IllegalArgumentException if a count is not positive or a duration negative
   */
  public MixedHandler(int requests, Duration interval, Duration io, int spikeEvery,
      int spikePrimesBelow) {
    if (requests < 1 || spikeEvery < 1 || spikePrimesBelow < 0) {
      throw new IllegalArgumentException("requests and spikeEvery must be at least 1 and"
          + " spikePrimesBelow not negative, were " + requests + ", " + spikeEvery + ", "
          + spikePrimesBelow);
    }
    if (interval.isNegative() || io.isNegative()) {
      throw new IllegalArgumentException("interval and io must not be negative");
    }
    this.requests = requests;
    this.interval = interval;
    this.io = io;
    this.spikeEvery = spikeEvery;
    this.spikePrimesBelow = spikePrimesBelow;
  }

  @Override
  public String name() {
    return "mixed";
  }

  @Override
  public String workload() {
    return requests + " req, " + io.toMillis() + " ms I/O, 1/" + spikeEvery + " CPU";
  }

  @Override
  public long expected() {
    return (long) requests * (requests - 1) / 2;
  }

  @Override
  public long call(Ctx ctx) throws Exception {
    return serve(ctx, new ConcurrentLinkedQueue<>());
  }

  /** Runs the requests and adds each one's latency to {@code latencies}. */
  private long serve(Ctx ctx, ConcurrentLinkedQueue<Duration> latencies) throws Exception {
    return OpenLoop.drive(ctx, requests, interval, this::handle, latencies).sum();
  }

  /**
   * One request: waits {@link #io()}, and if it is a spike's turn ({@code n % spikeEvery ==
   * spikeEvery - 1}) then counts primes through {@link Ctx#compute}. Replies with {@code n}.
   *
   * @throws Exception what the compute call threw
   */
  long handle(Ctx c, int n) throws Exception {
    c.sleep(io);
    if (n % spikeEvery == spikeEvery - 1) {
      int below = spikePrimesBelow;
      Job<Long> spike = () -> CpuBatch.countPrimes(0, below);
      c.compute(spike);
    }
    return n;
  }

  /** How many of the requests run a CPU spike: one in this many. */
  int spikeEvery() {
    return spikeEvery;
  }

  /** A spike's size: it counts the primes below this. */
  int spikePrimesBelow() {
    return spikePrimesBelow;
  }

  /** One run, timed from outside, with every request's latency. */
  @Override
  public Measured measure(ExecutionModel model) throws Exception {
    ConcurrentLinkedQueue<Duration> latencies = new ConcurrentLinkedQueue<>();
    long t0 = System.nanoTime();
    long result = model.run(ctx -> serve(ctx, latencies));
    return new Measured(result, Duration.ofNanos(System.nanoTime() - t0),
        List.copyOf(latencies));
  }
}
