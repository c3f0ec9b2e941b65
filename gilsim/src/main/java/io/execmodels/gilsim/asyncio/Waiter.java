package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;

/**
 * One task's wait on a primitive: asyncio's {@code loop.create_future()} that a lock, event,
 * semaphore or queue keeps in its waiter list and sets to wake the task. The wait itself is a
 * receive on a one-slot core channel, so it is a suspension point with core's cancellation.
 * Not thread-safe: used by tasks of one loop, as asyncio's futures are (the channel itself is).
 */
final class Waiter {
  private final Channel<Boolean> signal;
  private boolean done;
  private boolean cancelled;

  Waiter(Ctx ctx) {
    this.signal = ctx.channel(1);
  }

  /** {@code fut.done()}: set, or its task was cancelled while it waited. */
  boolean done() {
    return done || cancelled;
  }

  /** {@code fut.cancelled()}: its task was cancelled before it was set. */
  boolean cancelled() {
    return cancelled;
  }

  /** {@code fut.set_result(True)}, if not done; wakes the waiting task. */
  void set() {
    if (!done()) {
      done = true;
      signal.trySend(Boolean.TRUE);
    }
  }

  /**
   * Waits until {@link #set}. A suspension point.
   *
   * @throws java.util.concurrent.CancellationException if the task is cancelled first (then the
   *     waiter counts as cancelled unless it was set meanwhile)
   */
  void await() {
    try {
      signal.receive();
    } catch (RuntimeException | Error e) {
      if (!done) {
        cancelled = true;
      }
      throw e;
    }
  }
}
