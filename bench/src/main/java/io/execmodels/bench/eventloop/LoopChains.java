package io.execmodels.bench.eventloop;

import io.execmodels.eventloop.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Callback chains on one loop, each the twin of a {@code micro.js} figure: every callback schedules
 * the next, and {@link EventLoop#run} returns when the chain ends. One operation = one callback.
 *
 * <ul>
 *   <li>{@code immediateChain}: {@code setImmediate} — one full loop turn per callback;
 *   <li>{@code immediateBatch}: a million immediates queued at once, drained in one check phase;
 *   <li>{@code nextTickChain}, {@code microtaskChain}: drained without returning to the loop.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LoopChains {
  private static final int N = 1_000_000;

  private EventLoop loop;

  @Setup(Level.Trial)
  public void open() {
    loop = new EventLoop();
  }

  @TearDown(Level.Trial)
  public void close() {
    loop.close();
  }

  /** A callback that schedules itself until it has run {@code n} times. */
  private abstract static class Chain implements Runnable {
    int left = N;

    @Override
    public void run() {
      if (--left > 0) {
        next();
      }
    }

    abstract void next();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int immediateChain() {
    Chain c = new Chain() {
      @Override
      void next() {
        loop.setImmediate(this);
      }
    };
    loop.run(() -> loop.setImmediate(c));
    return c.left;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int immediateBatch() {
    int[] left = {N};
    Runnable f = () -> left[0]--;
    loop.run(() -> {
      for (int i = 0; i < N; i++) {
        loop.setImmediate(f);
      }
    });
    return left[0];
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int nextTickChain() {
    Chain c = new Chain() {
      @Override
      void next() {
        loop.nextTick(this);
      }
    };
    loop.run(() -> loop.nextTick(c));
    return c.left;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int microtaskChain() {
    Chain c = new Chain() {
      @Override
      void next() {
        loop.queueMicrotask(this);
      }
    };
    loop.run(() -> loop.queueMicrotask(c));
    return c.left;
  }
}
