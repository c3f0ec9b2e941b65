package io.execmodels.bench;

import io.execmodels.core.Channel;
import io.execmodels.core.Select;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
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
 * Channel throughput, in messages per microsecond (= millions per second), each figure beside
 * its JVM peer in the same run: one producer and one consumer over a buffer of 1024 (peers: {@link
 * ArrayBlockingQueue} and jox on virtual threads), four producers and four consumers over one
 * buffer of 1024, and one task selecting over four channels fed by four producers (buffered 1024
 * and unbuffered). The same figures as {@code ../shared/anchors/go} ({@code bench/vs-go.sh}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChannelThroughput {

  private static final int MESSAGES = 1_000_000;
  private static final int PRODUCERS = 4;


  /** One producer, one consumer, a buffer of 1024. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long spsc(OpenModel m) throws Exception {
    return m.execution.run(ctx -> {
      Channel<Integer> ch = ctx.channel(1024);
      ctx.spawn(c -> {
        for (int i = 0; i < MESSAGES; i++) {
          ch.send(i);
        }
        ch.close();
        return null;
      });
      long sum = 0;
      for (int v : ch) {
        sum += v;
      }
      return sum;
    });
  }

  /** The peer: two virtual threads over an {@link ArrayBlockingQueue} of 1024. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long spscArrayBlockingQueue() throws Exception {
    ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(1024);
    long[] sum = {0};
    VirtualThreads.runAll(
        () -> {
          for (int i = 0; i < MESSAGES; i++) {
            q.put(i);
          }
        },
        () -> {
          for (int i = 0; i < MESSAGES; i++) {
            sum[0] += q.take();
          }
        });
    return sum[0];
  }

  /** The peer: two virtual threads over a jox channel of 1024. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long spscJox() throws Exception {
    var ch = com.softwaremill.jox.Channel.<Integer>newBufferedChannel(1024);
    long[] sum = {0};
    VirtualThreads.runAll(
        () -> {
          for (int i = 0; i < MESSAGES; i++) {
            ch.send(i);
          }
        },
        () -> {
          for (int i = 0; i < MESSAGES; i++) {
            sum[0] += ch.receive();
          }
        });
    return sum[0];
  }

  /** Four producers, four consumers, one buffer of 1024. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long mpmc(OpenModel m) throws Exception {
    return m.execution.run(ctx -> {
      Channel<Integer> ch = ctx.channel(1024);
      List<Task<Void>> producers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        producers.add(ctx.spawn(c -> {
          for (int i = 0; i < MESSAGES / PRODUCERS; i++) {
            ch.send(1);
          }
          return null;
        }));
      }
      List<Task<Long>> consumers = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        consumers.add(ctx.spawn(c -> {
          long s = 0;
          for (int v : ch) {
            s += v;
          }
          return s;
        }));
      }
      ctx.awaitAll(producers);
      ch.close();
      return ctx.awaitAll(consumers).stream().mapToLong(Long::longValue).sum();
    });
  }

  /** The peer: four producer and four consumer virtual threads over an {@link ArrayBlockingQueue}. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long mpmcArrayBlockingQueue() throws Exception {
    ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(1024);
    long[] sums = new long[4];
    VirtualThreads.Body[] bodies = new VirtualThreads.Body[PRODUCERS + 4];
    for (int p = 0; p < PRODUCERS; p++) {
      bodies[p] = () -> {
        for (int i = 0; i < MESSAGES / PRODUCERS; i++) {
          q.put(1);
        }
      };
    }
    for (int k = 0; k < 4; k++) {
      int id = k;
      bodies[PRODUCERS + k] = () -> {
        for (int i = 0; i < MESSAGES / 4; i++) {
          sums[id] += q.take();
        }
      };
    }
    VirtualThreads.runAll(bodies);
    return sums[0] + sums[1] + sums[2] + sums[3];
  }

  /** One task selecting over four channels of 1024, each fed by its own producer. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long fanInBuffered(OpenModel m) throws Exception {
    return fanIn(m, 1024);
  }

  /** One task selecting over four unbuffered channels, each fed by its own producer. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long fanInUnbuffered(OpenModel m) throws Exception {
    return fanIn(m, 0);
  }

  private static long fanIn(OpenModel m, int capacity) throws Exception {
    return m.execution.run(ctx -> {
      List<Channel<Integer>> chs = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        Channel<Integer> ch = ctx.channel(capacity);
        chs.add(ch);
        ctx.spawn(c -> {
          for (int i = 0; i < MESSAGES / PRODUCERS; i++) {
            ch.send(1);
          }
          ch.close();
          return null;
        });
      }
      long[] got = {0};
      @SuppressWarnings({"unchecked", "rawtypes"})
      Channel<Integer>[] open = chs.toArray(new Channel[0]);
      int live = PRODUCERS;
      while (live > 0) {
        Select<Integer> select = ctx.select();
        for (int i = 0; i < open.length; i++) {
          int id = i;
          select.onReceive(open[i], v -> {
            if (v == null) {
              return id;
            }
            got[0] += v;
            return -1;
          });
        }
        int closed = select.run();
        if (closed >= 0) {
          open[closed] = null;
          live--;
        }
      }
      return got[0];
    });
  }
}
