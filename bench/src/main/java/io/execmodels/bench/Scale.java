package io.execmodels.bench;

import io.execmodels.csp.WaitGroup;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many tasks at once, one shot each (milliseconds of wall time): spawn and join 1,000,000 trivial
 * tasks (peer: as many bare virtual threads); 100,000 tasks each sleeping 1 ms. The same figures
 * as {@code ../shared/anchors/go} ({@code bench/vs-go.sh}); {@link CancelFanOut} and {@link
 * MillionGoroutines} give the rest.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Six warm-up shots: a scratch loop of 100k sleeps took five rounds to reach its steady time
// (660, 524, 422, 378, 321, then 120 to 190 ms) while the JIT compiled the spawn, park and timer
// paths; with three, the first measured shots were still compiling.
@Warmup(iterations = 6)
@Measurement(iterations = 8)
// Prepended: the scripts' own -jvmArgsAppend (--add-opens) would replace an appended -Xmx4g.
@Fork(value = 1, jvmArgsPrepend = "-Xmx4g")
public class Scale {


  /** Spawn 1,000,000 trivial detached tasks and wait for all of them. */
  @Benchmark
  public long spawnJoin1M(OpenModel m) throws Exception {
    return m.execution.run(ctx -> {
      AtomicLong acc = new AtomicLong();
      WaitGroup wg = new WaitGroup();
      wg.add(1_000_000);
      for (int i = 0; i < 1_000_000; i++) {
        long v = i & 1;
        ctx.go(c -> {
          acc.addAndGet(v);
          wg.done();
          return null;
        });
      }
      wg.await(ctx);
      return acc.get();
    });
  }

  /** The peer: 1,000,000 bare virtual threads and a latch. */
  @Benchmark
  public long spawnJoin1MVirtualThreads() throws Exception {
    AtomicLong acc = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      long v = i & 1;
      Thread.ofVirtual().start(() -> {
        acc.addAndGet(v);
        done.countDown();
      });
    }
    done.await();
    return acc.get();
  }

  /** 100,000 tasks, each sleeping 1 ms on the model's clock. */
  @Benchmark
  public int sleep100k(OpenModel m) throws Exception {
    return m.execution.run(ctx -> {
      WaitGroup wg = new WaitGroup();
      wg.add(100_000);
      for (int i = 0; i < 100_000; i++) {
        ctx.go(c -> {
          c.sleep(Duration.ofMillis(1));
          wg.done();
          return null;
        });
      }
      wg.await(ctx);
      return 100_000;
    });
  }
}
