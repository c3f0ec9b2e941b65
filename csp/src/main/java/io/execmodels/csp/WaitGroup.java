package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Go's {@code sync.WaitGroup}: a counter of outstanding work, and a wait for it to reach zero.
 *
 * <pre>{@code
 * WaitGroup wg = new WaitGroup();          // var wg sync.WaitGroup
 * for (String url : urls) {
 *   wg.add(1);                             // wg.Add(1)
 *   ctx.go(c -> {                          // go func() {
 *     try { fetch(c, url); }
 *     finally { wg.done(); }               //   defer wg.Done()
 *     return null;
 *   });                                    // }()
 * }
 * wg.await(ctx);                           // wg.Wait()
 * }</pre>
 *
 * <p><b>Threads.</b> Thread-safe. {@link #add} and {@link #done} never block and may be called
 * from any thread, inside the model or not. {@link #await} is a suspension point and must be
 * called from a task; every task that awaits one {@code WaitGroup} at the same time must belong to
 * one model.
 *
 * <p><b>Go equivalence and differences.</b> Like Go, the group is reusable: once the counter is
 * back at zero, a new round of {@code add}s and {@code await}s may start. Unlike Go:
 *
 * <ul>
 *   <li>A counter that would go negative throws {@link IllegalStateException} ("negative
 *       WaitGroup counter", Go's panic message) and is left unchanged, so the group stays usable.
 *   <li>Go forbids starting a new round while an earlier {@code Wait} is still returning (it may
 *       panic "WaitGroup is reused before previous Wait has returned"); here each round has its
 *       own wake-up, so that misuse is harmless and is not reported.
 *   <li>{@link #await} observes cancellation: a cancelled waiter stops waiting with a {@link
 *       java.util.concurrent.CancellationException} (Go's {@code Wait} cannot be interrupted).
 *   <li>To a model that detects deadlocks ({@code csp}), a task in {@link #await} waits on a
 *       channel receive (the group's own channel): a run whose tasks all wait is reported as
 *       deadlocked, as Go reports it, even if a thread outside the run would call {@link #done}
 *       later. On such a model, count down from the run's own tasks.
 * </ul>
 */
public final class WaitGroup {
  /**
   * The counter, changed without the lock: a million goroutines calling {@link #done} must not
   * queue on a monitor. The lock guards only the hand-over of {@code zero}: a waiter reads the
   * counter under it, and whoever brings the counter to zero takes it afterwards and reads the
   * counter again, so a waiter either sees zero or is released.
   */
  private final AtomicLong count = new AtomicLong();
  private final Object lock = new Object();
  /** Closed when the counter reaches zero; made by the first waiter of a round, else null. */
  private Channel<Boolean> zero;

  /** A group whose counter is zero, like Go's zero value. */
  public WaitGroup() {}

  /**
   * Adds {@code delta}, which may be negative, to the counter; if it reaches zero, every task
   * waiting in {@link #await} is released. Never blocks; any thread.
   *
   * @param delta how much to add to the counter; may be negative
   * @throws IllegalStateException "negative WaitGroup counter" if the counter would go below zero
   *     (the counter is then unchanged)
   */
  public void add(int delta) {
    long next;
    for (;;) {
      long current = count.get();
      next = current + delta;
      if (next < 0) {
        throw new IllegalStateException("negative WaitGroup counter");
      }
      if (count.compareAndSet(current, next)) {
        break;
      }
    }
    if (next == 0) {
      releaseWaiters();
    }
  }

  /** Releases the round's waiters, unless a new round has already raised the counter again. */
  private void releaseWaiters() {
    Channel<Boolean> release;
    synchronized (lock) {
      if (count.get() != 0 || zero == null) {
        return;
      }
      release = zero;
      zero = null;
    }
    release.close();
  }

  /**
   * Decrements the counter by one: {@code add(-1)}. Never blocks; any thread.
   *
   * @throws IllegalStateException "negative WaitGroup counter" if the counter is already zero
   */
  public void done() {
    add(-1);
  }

  /**
   * Waits until the counter is zero; returns at once if it is. A suspension point.
   *
   * @param ctx the calling task's context
   * @throws java.util.concurrent.CancellationException if the calling task is cancelled while
   *     waiting
   */
  public void await(Ctx ctx) {
    Channel<Boolean> wait;
    synchronized (lock) {
      if (count.get() == 0) {
        return;
      }
      if (zero == null) {
        zero = ctx.channel(0);
      }
      wait = zero;
    }
    Signals.awaitClosed(wait);
  }

  /**
   * Go 1.25's {@code wg.Go(f)}: {@code add(1)}, then runs {@code body} in a new detached task
   * ({@link Ctx#go}) that calls {@link #done} when the body ends, however it ends. As in Go, a
   * failure of the body is a panic: it ends the run (under the model's default unhandled-failure
   * policy). Not a suspension point.
   *
   * @param ctx the calling task's context
   * @param body the work
   */
  public void go(Ctx ctx, GoFunc body) {
    add(1);
    try {
      ctx.go(c -> {
        try {
          body.run(c);
        } finally {
          done();
        }
        return null;
      });
    } catch (RuntimeException | Error e) {
      done();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "WaitGroup[" + count.get() + "]";
  }
}
