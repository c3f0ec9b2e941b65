package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Ctx;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code asyncio.Condition}: tasks wait, holding its {@link Lock}, until another notifies them.
 * {@link #await} releases the lock, waits, and takes the lock back before it returns; waiters are
 * woken in the order they began to wait. Python's {@code wait} and {@code notify_all} are {@link
 * #await} and {@link #notifyAllWaiters} here, since {@code Object} owns the Java names. Not
 * thread-safe: for tasks of one model, like asyncio's.
 *
 * <p>One difference: a task cancelled while it waits leaves with the cancellation at once,
 * without the lock, where CPython takes the lock back first (core's cancellation is final, so the
 * task could not wait for the lock any more).
 */
public final class Condition {
  private final Lock lock;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

  /** A condition with a new lock, as {@code asyncio.Condition()}. */
  public Condition() {
    this(new Lock());
  }

  /**
   * A condition over {@code lock}.
   *
   * @param lock the lock the condition waits with
   */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /**
   * Acquires the lock: {@code await cond.acquire()}. A suspension point when it waits.
   *
   * @param ctx the calling task's context
   * @return true, as asyncio's
   */
  public boolean acquire(Ctx ctx) {
    return lock.acquire(ctx);
  }

  /** Releases the lock ({@code Lock is not acquired.} if it is not held). */
  public void release() {
    lock.release();
  }

  /**
   * Whether the lock is held.
   *
   * @return whether the lock is held, by any task
   */
  public boolean locked() {
    return lock.locked();
  }

  /**
   * Releases the lock, waits to be notified, and acquires it again: {@code await cond.wait()}. A
   * suspension point.
   *
   * @param ctx the calling task's context
   * @throws IllegalStateException if the lock is not held ("cannot wait on un-acquired lock")
   */
  public void await(Ctx ctx) {
    if (!lock.locked()) {
      throw new IllegalStateException("cannot wait on un-acquired lock");
    }
    lock.release();
    Waiter w = new Waiter(ctx);
    waiters.add(w);
    try {
      w.await();
    } finally {
      waiters.remove(w);
    }
    lock.acquire(ctx);
  }

  /**
   * Waits until {@code predicate} holds, checking it first and after each wake-up: {@code await
   * cond.wait_for(predicate)}.
   *
   * @param ctx the calling task's context
   * @param predicate the condition to wait for, checked with the lock held
   * @return true, the predicate's last value
   */
  public boolean waitFor(Ctx ctx, BooleanSupplier predicate) {
    while (!predicate.getAsBoolean()) {
      await(ctx);
    }
    return true;
  }

  /**
   * Wakes up to {@code n} waiters, the longest waiting first: {@code cond.notify(n)}.
   *
   * @param n the most waiters to wake; 0 or less wakes none
   * @throws IllegalStateException if the lock is not held ("cannot notify on un-acquired lock")
   */
  public void notify(int n) {
    if (!lock.locked()) {
      throw new IllegalStateException("cannot notify on un-acquired lock");
    }
    int woken = 0;
    for (Waiter w : waiters) {
      if (woken >= n) {
        break;
      }
      if (!w.done()) {
        w.set();
        woken++;
      }
    }
  }

  /** Wakes the longest waiting waiter: {@code cond.notify()}. */
  public void notifyOne() {
    notify(1);
  }

  /** Wakes every waiter: {@code cond.notify_all()}. */
  public void notifyAllWaiters() {
    notify(Integer.MAX_VALUE);
  }
}
