package io.execmodels.bench.eventloop;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.KeepAlive;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Plain task throughput of a single-threaded loop, measured as the JVM anchor measures Netty's
 * ({@code ../shared/anchors/jvm} {@code Loops}), beside Netty 4.2's NIO event loop in the same run.
 * One operation = one no-op task run on the loop.
 *
 * <ul>
 *   <li>{@code *External}: the benchmark thread submits N tasks, then a latch task, and waits;
 *   <li>{@code *Chain}: one task that resubmits itself from the loop N times.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TaskThroughput {
  static final int N = 1_000_000;
  static final Runnable NOOP = () -> { };

  static void external(Executor ex) throws InterruptedException {
    for (int i = 0; i < N; i++) {
      ex.execute(NOOP);
    }
    CountDownLatch done = new CountDownLatch(1);
    ex.execute(done::countDown);
    done.await();
  }

  static final class Chain implements Runnable {
    final Executor ex;
    int remaining = N;
    final CountDownLatch done = new CountDownLatch(1);

    Chain(Executor ex) {
      this.ex = ex;
    }

    @Override
    public void run() {
      if (--remaining > 0) {
        ex.execute(this);
      } else {
        done.countDown();
      }
    }
  }

  static void chain(Executor ex) throws InterruptedException {
    Chain c = new Chain(ex);
    ex.execute(c);
    c.done.await();
  }

  /** An {@link EventLoop} running on its own thread, kept alive for the trial. */
  @State(Scope.Benchmark)
  public static class Ours {
    EventLoop loop;
    KeepAlive keep;
    Thread thread;

    @Setup
    public void up() {
      loop = new EventLoop();
      keep = loop.keepAlive();
      thread = Thread.ofPlatform().name("eventloop-bench").start(() -> loop.run(() -> { }));
    }

    @TearDown
    public void down() throws InterruptedException {
      keep.close();
      thread.join();
      loop.close();
    }
  }

  /** Netty 4.2's NIO event loop: MPSC task queue and selector wake-ups, like ours. */
  @State(Scope.Benchmark)
  public static class Netty {
    MultiThreadIoEventLoopGroup group;
    io.netty.channel.EventLoop loop;

    @Setup
    public void up() {
      group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      loop = group.next();
    }

    @TearDown
    public void down() throws InterruptedException {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void eventLoopExternal(Ours s) throws InterruptedException {
    external(s.loop);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void eventLoopChain(Ours s) throws InterruptedException {
    chain(s.loop);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void nettyNioExternal(Netty s) throws InterruptedException {
    external(s.loop);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void nettyNioChain(Netty s) throws InterruptedException {
    chain(s.loop);
  }
}
