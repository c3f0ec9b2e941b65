package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.time.Duration;

/**
 * Go's {@code time.Timer}: one event, after a duration on the model's clock. Made by {@link
 * Timers#newTimer} (the event is a value on {@link #channel()}) or {@link Timers#afterFunc} (the
 * event is a function run in a task of its own).
 *
 * <p>While it is active, a timer is a task of the run that armed it, sleeping ({@link Ctx#sleep});
 * {@link #stop()} and {@link #reset} cancel that task, so a stopped timer leaves nothing running,
 * and a timer still pending when the run ends is cancelled with it.
 *
 * <p><b>Go 1.23 semantics.</b> No stale value: once {@link #stop()} or {@link #reset} has returned,
 * {@link #channel()} holds no value from before the call. A timer whose value has not been
 * received counts as not yet expired: {@code stop} and {@code reset} return true for it, as Go
 * 1.23's do, so the pre-1.23 idiom {@code if !t.Stop() { <-t.C }} works as in both versions. The
 * value sent is {@link Ctx#now()} when the timer fired (Go sends a {@code time.Time}). {@link
 * Chans#len} and {@link Chans#cap} of the channel are 0, always, as Go 1.23's {@code len(t.C)}
 * and {@code cap(t.C)}; underneath it is a one-slot channel, whose own {@code size()} and {@code
 * capacity()} say so.
 *
 * <p><b>Threads.</b> Thread-safe. {@link #stop()} never blocks and may be called from any thread;
 * {@link #reset} starts a task, so it takes the calling task's {@link Ctx}. Neither is a suspension
 * point.
 *
 * <p><b>Differences from Go.</b> {@code reset} takes a {@link Ctx}; values are model-clock
 * nanoseconds; a pending timer is a task (it shows in the model's {@link io.execmodels.core.Stats}
 * as running) rather than an entry in a runtime heap.
 */
public final class Timer {
  private final Channel<Long> channel;
  private final GoFunc func;
  private final Object lock = new Object();
  /** Counts arms and stops: a sleeping task fires only if no stop or reset came after its arm. */
  private long generation;
  private boolean active;
  private Task<Void> pending;

  private Timer(Channel<Long> channel, GoFunc func) {
    this.channel = channel;
    this.func = func;
    if (channel != null) {
      Chans.reportAsSynchronous(channel);
    }
  }

  /** A timer that sends on {@code channel} ({@code func} null) or runs {@code func}, armed. */
  static Timer start(Ctx ctx, Duration d, Channel<Long> channel, GoFunc func) {
    Timer timer = new Timer(channel, func);
    timer.reset(ctx, d);
    return timer;
  }

  /**
   * The channel the timer sends on once ({@code t.C}): one slot underneath, so the timer never
   * waits for a receiver, but {@link Chans#len} and {@link Chans#cap} of it are 0, as Go 1.23's.
   * {@code null} for an {@link Timers#afterFunc} timer, as in Go.
   *
   * @return the channel the timer sends on, or {@code null} for an {@link Timers#afterFunc} timer
   */
  public Channel<Long> channel() {
    return channel;
  }

  /**
   * Prevents the timer from firing ({@code t.Stop()}). Never blocks; any thread. Does not close the
   * channel. For an {@link Timers#afterFunc} timer that has fired, it does not stop the function's
   * task.
   *
   * @return whether this call stopped the timer: true while it is pending, and also once it has
   *     fired while its value has not been received (the value is dropped: Go 1.23's rule, which
   *     keeps {@code if (!t.stop()) t.channel().receive();} from waiting for good); false once the
   *     value was received, or the timer stopped before
   */
  public boolean stop() {
    Task<Void> task;
    boolean wasActive;
    synchronized (lock) {
      wasActive = active;
      task = pending;
      active = false;
      pending = null;
      generation++;
      wasActive |= drain();
    }
    if (task != null) {
      task.cancel();
    }
    return wasActive;
  }

  /**
   * Re-arms the timer to fire after {@code d} from now, stopping a pending firing first ({@code
   * t.Reset(d)}). A zero or negative {@code d} fires at once. Not a suspension point.
   *
   * @param ctx the calling task's context: the new timer task belongs to its run
   * @param d how long from now until it fires; zero or negative fires at once
   * @return whether the timer had been active, a fired timer whose value was not received
   *     counting as active (Go 1.23's result); that value is dropped
   */
  public boolean reset(Ctx ctx, Duration d) {
    Duration delay = d.isNegative() ? Duration.ZERO : d;
    Task<Void> old;
    boolean wasActive;
    long armed;
    synchronized (lock) {
      wasActive = active;
      old = pending;
      active = true;
      pending = null;
      armed = ++generation;
      wasActive |= drain();
    }
    if (old != null) {
      old.cancel();
    }
    Task<Void> task = ctx.spawn("timer", c -> {
      c.sleep(delay);
      fire(c, armed);
      return null;
    });
    synchronized (lock) {
      if (generation == armed && active) {
        pending = task;
        return wasActive;
      }
      if (generation == armed) {
        return wasActive; // it has fired already: leave its task alone
      }
    }
    task.cancel(); // stopped or reset again meanwhile
    return wasActive;
  }

  private void fire(Ctx c, long armed) {
    synchronized (lock) {
      if (generation != armed || !active) {
        return;
      }
      active = false;
      pending = null;
      if (channel != null) {
        channel.trySend(c.now()); // empty: drained at every arm, and sent to once per arm
        return;
      }
    }
    c.go("afterFunc", c2 -> {
      func.run(c2);
      return null;
    });
  }

  /** Drops a value sent and not yet received; whether there was one. Lock held. */
  private boolean drain() {
    return channel != null && channel.tryReceive() != null;
  }
}
