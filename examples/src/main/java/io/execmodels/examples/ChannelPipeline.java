package io.execmodels.examples;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.util.List;

/**
 * A streaming service: three stages joined by buffered channels — a producer sends 1 to {@code
 * count}, a squarer squares each value, and the summer (the service's own task) adds the squares
 * up. The result is {@code count * (count + 1) * (2 * count + 1) / 6}.
 *
 * <p><b>Close propagation.</b> Each stage closes its output channel when it is done, in a {@code
 * finally} (Go's {@code defer close(out)}): the producer when it has sent everything, the squarer
 * when its input is closed and drained. So the end of the stream flows downstream and every loop
 * ends. If a stage fails, the stages after it still end and the summer's final {@link
 * Ctx#awaitAll} rethrows the failure; a stage before it, left blocked on a full channel, is
 * cancelled when the run ends. Either way the pipeline fails instead of hanging.
 *
 * <p>What to look for: the cost of a channel hand-off on each model, which dominates here (the
 * work per value is trivial).
 */
public final class ChannelPipeline implements DemoService {

  private final int count;
  private final int buffer;

  /** 10,000 values through channels of 64. */
  public ChannelPipeline() {
    this(10_000, 64);
  }

  /**
   * A pipeline of {@code count} values through channels of capacity {@code buffer}.
   *
   * @throws IllegalArgumentException if {@code count} or {@code buffer} is negative
   */
  public ChannelPipeline(int count, int buffer) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    if (buffer < 0) {
      throw new IllegalArgumentException("buffer must not be negative, was " + buffer);
    }
    this.count = count;
    this.buffer = buffer;
  }

  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public String workload() {
    return count + " values, buffer " + buffer;
  }

  @Override
  public long expected() {
    long n = count;
    return n * (n + 1) * (2 * n + 1) / 6;
  }

  @Override
  public long call(Ctx ctx) {
    Channel<Long> numbers = ctx.channel(buffer);
    Channel<Long> squares = ctx.channel(buffer);

    Task<Void> producer = ctx.spawn("producer", c -> {
      try {
        for (long i = 1; i <= count; i++) {
          numbers.send(i);
        }
      } finally {
        numbers.close();
      }
      return null;
    });
    Task<Void> squarer = ctx.spawn("squarer", c -> {
      try {
        for (long n : numbers) {
          squares.send(n * n);
        }
      } finally {
        squares.close();
      }
      return null;
    });

    long sum = 0;
    for (long square : squares) {
      sum += square;
    }
    ctx.awaitAll(List.of(producer, squarer));
    return sum;
  }
}
