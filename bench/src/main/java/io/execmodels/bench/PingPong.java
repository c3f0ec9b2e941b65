package io.execmodels.bench;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unbuffered ping-pong: one task sends a value, another sends it back; the figure is the time of
 * one round trip (two hand-offs). Measured against its JVM peers in the same run: two virtual
 * threads handing off through {@link SynchronousQueue}, and through a jox rendezvous channel
 * (Go 1.19 does one in about 380 ns on this kind of machine: {@code bench/vs-go.sh}). On a
 * machine whose load drifts, {@link InterleavedPingPong} takes the same three figures in
 * alternation, for a ratio that the drift does not skew.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PingPong {

  private static final int ROUND_TRIPS = 10_000;


  /** Core's unbuffered channel between two tasks of the model. */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public int channel(OpenModel m) throws Exception {
    return channel(m.execution, ROUND_TRIPS);
  }

  /** The peer: two virtual threads and two {@link SynchronousQueue}s. */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public int synchronousQueueOnVirtualThreads() throws Exception {
    return synchronousQueue(ROUND_TRIPS);
  }

  /** The peer: two virtual threads and two jox rendezvous channels. */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public int joxOnVirtualThreads() throws Exception {
    return jox(ROUND_TRIPS);
  }

  /** {@code roundTrips} round trips over core's unbuffered channels on {@code model}. */
  static int channel(ExecutionModel model, int roundTrips) throws Exception {
    return model.run(ctx -> {
      Channel<Integer> ping = ctx.channel(0);
      Channel<Integer> pong = ctx.channel(0);
      ctx.spawn(c -> {
        for (int i = 0; i < roundTrips; i++) {
          pong.send(ping.receive());
        }
        return null;
      });
      int sum = 0;
      for (int i = 0; i < roundTrips; i++) {
        ping.send(i);
        sum += pong.receive();
      }
      return sum;
    });
  }

  /** {@code roundTrips} round trips over {@link SynchronousQueue}s on two virtual threads. */
  static int synchronousQueue(int roundTrips) throws Exception {
    SynchronousQueue<Integer> ping = new SynchronousQueue<>();
    SynchronousQueue<Integer> pong = new SynchronousQueue<>();
    int[] sum = new int[1];
    VirtualThreads.runAll(
        () -> {
          for (int i = 0; i < roundTrips; i++) {
            pong.put(ping.take());
          }
        },
        () -> {
          for (int i = 0; i < roundTrips; i++) {
            ping.put(i);
            sum[0] += pong.take();
          }
        });
    return sum[0];
  }

  /** {@code roundTrips} round trips over jox rendezvous channels on two virtual threads. */
  static int jox(int roundTrips) throws Exception {
    var ping = com.softwaremill.jox.Channel.<Integer>newRendezvousChannel();
    var pong = com.softwaremill.jox.Channel.<Integer>newRendezvousChannel();
    int[] sum = new int[1];
    VirtualThreads.runAll(
        () -> {
          for (int i = 0; i < roundTrips; i++) {
            pong.send(ping.receive());
          }
        },
        () -> {
          for (int i = 0; i < roundTrips; i++) {
            ping.send(i);
            sum[0] += pong.receive();
          }
        });
    return sum[0];
  }
}
