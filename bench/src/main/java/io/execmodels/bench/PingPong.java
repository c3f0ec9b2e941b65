package io.execmodels.bench;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unbuffered ping-pong: one task sends a value, another sends it back; the figure is the time of
 * one round trip (two hand-offs). Measured against its JVM peers in the same run: two virtual
 * threads handing off through {@link SynchronousQueue}, and through a jox rendezvous channel
 * (Go 1.19 does one in about 380 ns on this kind of machine: {@code bench/vs-go.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PingPong {

  private static final int ROUND_TRIPS = 10_000;

  /** The model whose channels are measured. */
  @Param({"csp"})
  public String model;

  private ExecutionModel execution;

  @Setup(Level.Trial)
  public void open() {
    execution = ExecutionModels.open(model);
  }

  @TearDown(Level.Trial)
  public void close() {
    execution.close();
  }

  /** Core's unbuffered channel between two tasks of the model. */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public int channel() throws Exception {
    return execution.run(ctx -> {
      Channel<Integer> ping = ctx.channel(0);
      Channel<Integer> pong = ctx.channel(0);
      ctx.spawn(c -> {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          pong.send(ping.receive());
        }
        return null;
      });
      int sum = 0;
      for (int i = 0; i < ROUND_TRIPS; i++) {
        ping.send(i);
        sum += pong.receive();
      }
      return sum;
    });
  }

  /** The peer: two virtual threads and two {@link SynchronousQueue}s. */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public int synchronousQueueOnVirtualThreads() throws Exception {
    SynchronousQueue<Integer> ping = new SynchronousQueue<>();
    SynchronousQueue<Integer> pong = new SynchronousQueue<>();
    Thread echo = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          pong.put(ping.take());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    int[] sum = new int[1];
    Thread main = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          ping.put(i);
          sum[0] += pong.take();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    main.join();
    echo.join();
    return sum[0];
  }

  /** The peer: two virtual threads and two jox rendezvous channels. */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public int joxOnVirtualThreads() throws Exception {
    com.softwaremill.jox.Channel<Integer> ping = com.softwaremill.jox.Channel.newRendezvousChannel();
    com.softwaremill.jox.Channel<Integer> pong = com.softwaremill.jox.Channel.newRendezvousChannel();
    Thread echo = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          pong.send(ping.receive());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    int[] sum = new int[1];
    Thread main = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          ping.send(i);
          sum[0] += pong.receive();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    main.join();
    echo.join();
    return sum[0];
  }
}
