package io.execmodels.bench;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Select;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
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
 * Channel throughput, in messages per microsecond (= millions per second), each figure beside
 * its JVM peer in the same run: one producer and one consumer over a buffer of 1024 (peers: {@link
 * ArrayBlockingQueue} and jox on virtual threads), four producers and four consumers over one
 * buffer of 1024, and one task selecting over four channels fed by four producers (buffered 1024
 * and unbuffered). The same figures as {@code ../shared/anchors/go} ({@code bench/vs-go.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChannelThroughput {

  private static final int MESSAGES = 1_000_000;
  private static final int PRODUCERS = 4;

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

  /** One producer, one consumer, a buffer of 1024. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long spsc() throws Exception {
    return execution.run(ctx -> {
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
    Thread producer = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < MESSAGES; i++) {
          q.put(i);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    long[] sum = {0};
    Thread consumer = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < MESSAGES; i++) {
          sum[0] += q.take();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.join();
    consumer.join();
    return sum[0];
  }

  /** The peer: two virtual threads over a jox channel of 1024. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long spscJox() throws Exception {
    com.softwaremill.jox.Channel<Integer> ch = com.softwaremill.jox.Channel.newBufferedChannel(1024);
    Thread producer = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < MESSAGES; i++) {
          ch.send(i);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    long[] sum = {0};
    Thread consumer = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < MESSAGES; i++) {
          sum[0] += ch.receive();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.join();
    consumer.join();
    return sum[0];
  }

  /** Four producers, four consumers, one buffer of 1024. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long mpmc() throws Exception {
    return execution.run(ctx -> {
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
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < MESSAGES / PRODUCERS; i++) {
            q.put(1);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    long[] sums = new long[4];
    for (int k = 0; k < 4; k++) {
      int id = k;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < MESSAGES / 4; i++) {
            sums[id] += q.take();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return sums[0] + sums[1] + sums[2] + sums[3];
  }

  /** One task selecting over four channels of 1024, each fed by its own producer. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long fanInBuffered() throws Exception {
    return fanIn(1024);
  }

  /** One task selecting over four unbuffered channels, each fed by its own producer. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long fanInUnbuffered() throws Exception {
    return fanIn(0);
  }

  private long fanIn(int capacity) throws Exception {
    return execution.run(ctx -> {
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
      @SuppressWarnings("unchecked")
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
