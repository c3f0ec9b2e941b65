package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;

/**
 * One task's wait on a primitive: asyncio's {@code loop.create_future()} that a lock, event,
 * semaphore or queue keeps in its waiter list and sets to wake the task. The wait itself is a
 * receive on a one-slot core channel, so it is a suspension point with core's cancellation.
 * Not thread-safe: used by tasks of one loop, as asyncio's futures are (the channel itself is).
 *
 * <p>A task's waiters share one channel, made at its first wait and kept in a thread local with
 * the task's {@link Ctx}: a bounded queue makes two waits an iteration, and a core channel for
 * each was a quarter of the cost of its messages. Sharing is sound because a waiter signals at
 * most once, and only while its task waits on it: once its wait has returned it is done, once its
 * wait has thrown it is cancelled, and {@link #set} of a done or cancelled waiter sends nothing.
 * The one value that can be left behind (a waiter set, its task cancelled before it received) is
 * drained when the task's next waiter is made.
 */
final class Waiter {
  /** The calling thread's task and its signal channel: see the class comment. */
  private record Signal(Ctx owner, Channel<Boolean> channel) {}

  private static final ThreadLocal<Signal> SIGNAL = new ThreadLocal<>();

  private final Channel<Boolean> signal;
  private boolean done;
  private boolean cancelled;

  Waiter(Ctx ctx) {
    Signal s = SIGNAL.get();
    if (s == null || s.owner() != ctx) {
      // A new task on this thread (asyncio runs task after task on one thread), or its first wait.
      s = new Signal(ctx, ctx.channel(1));
      SIGNAL.set(s);
    } else {
      s.channel().tryReceive();
    }
    this.signal = s.channel();
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
