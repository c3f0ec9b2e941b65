package io.execmodels.bench.eventloop;

import io.execmodels.eventloop.EventLoop;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The twin of {@code micro.js}'s {@code timers_1M_random_0_100ms_all_fired}: a million timers with
 * random delays of 0 to 100 ms armed at once; the figure is the time until all have fired (at
 * least 100 ms by construction).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class ManyTimers {
  private static final int N = 1_000_000;
  private final SplittableRandom random = new SplittableRandom(1);

  @Benchmark
  public int millionTimersAllFired() {
    int[] left = {N};
    Runnable f = () -> left[0]--;
    try (EventLoop loop = new EventLoop()) {
      loop.run(() -> {
        for (int i = 0; i < N; i++) {
          loop.setTimeout(f, random.nextInt(101));
        }
      });
    }
    return left[0];
  }
}
