package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.time.Duration;

/**
 * Go's {@code time.Ticker}: a value on {@link #channel()} every period of the model's clock, until
 * {@link #stop()}. Made by {@link Timers#newTicker}.
 *
 * <p>Ticks are due at start + period, start + 2 periods, and so on. The channel has a buffer of
 * one: a tick due while the previous one is still unreceived is dropped, as Go's ticker drops ticks
 * for slow receivers, and the next tick stays on the schedule. The value sent is {@link Ctx#now()}
 * when the tick was sent.
 *
 * <p>A running ticker is a task of the run that made it, sleeping; {@link #stop()} cancels it, so
 * a stopped ticker leaves nothing running, and a ticker still going when the run ends is
 * cancelled with it.
 *
 * <p><b>Threads.</b> Thread-safe; {@link #stop()} never blocks and may be called from any thread.
 *
 * <p><b>Differences from Go.</b> Values are model-clock nanoseconds; {@code Reset} is not provided
 * yet; as in Go 1.23, once {@link #stop()} has returned the channel holds no tick (it is drained).
 */
public final class Ticker {
  private final Channel<Long> channel;
  private final Object lock = new Object();
  private boolean stopped;
  private Task<Void> task;

  private Ticker(Channel<Long> channel) {
    this.channel = channel;
    Chans.reportAsSynchronous(channel);
  }

  /** A started ticker. */
  static Ticker start(Ctx ctx, Duration period) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("non-positive interval for newTicker: " + period);
    }
    Ticker ticker = new Ticker(ctx.channel(1));
    long p = period.toNanos();
    long start = ctx.now();
    Task<Void> task = ctx.spawn("ticker", c -> {
      long next = start + p;
      while (true) {
        long left = next - c.now();
        if (left > 0) {
          c.sleep(Duration.ofNanos(left));
        }
        long now = c.now();
        synchronized (ticker.lock) {
          if (ticker.stopped) {
            return null;
          }
          ticker.channel.trySend(now); // dropped if the last tick is still unreceived
        }
        next += ((now - next) / p + 1) * p; // the next tick on the schedule after now
      }
    });
    synchronized (ticker.lock) {
      if (!ticker.stopped) {
        ticker.task = task;
        return ticker;
      }
    }
    task.cancel();
    return ticker;
  }

  /**
   * The channel ticks arrive on ({@code t.C}); one slot underneath, but {@link Chans#len} and
   * {@link Chans#cap} of it are 0, as Go 1.23's. Never closed.
   *
   * @return the channel ticks arrive on
   */
  public Channel<Long> channel() {
    return channel;
  }

  /**
   * Stops the ticker ({@code t.Stop()}): no tick is sent after this returns, and a tick sent but
   * not yet received is discarded. Idempotent; never blocks; any thread. Does not close the channel.
   */
  public void stop() {
    Task<Void> t;
    synchronized (lock) {
      stopped = true;
      t = task;
      task = null;
      channel.tryReceive();
    }
    if (t != null) {
      t.cancel();
    }
  }
}
