package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Ctx;
import java.util.ArrayDeque;

/**
 * {@code asyncio.Lock}: not reentrant, no owner, waiters served in FIFO order (a released lock
 * goes to the first waiter, not to whoever asks next). Not thread-safe: for tasks of one model,
 * like asyncio's.
 */
public final class Lock {
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private boolean locked;

  /** An unlocked lock. */
  public Lock() {}

  /**
   * Whether the lock is held.
   *
   * @return whether the lock is held, by any task
   */
  public boolean locked() {
    return locked;
  }

  /**
   * Acquires the lock, waiting (a suspension point) while it is held or others wait before.
   *
   * @param ctx the calling task's context
   * @return true, as asyncio's
   * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
   */
  public boolean acquire(Ctx ctx) {
    if (!locked && waiters.stream().allMatch(Waiter::cancelled)) {
      locked = true;
      return true;
    }
    Waiter w = new Waiter(ctx);
    waiters.add(w);
    try {
      try {
        w.await();
      } finally {
        waiters.remove(w);
      }
    } catch (RuntimeException | Error e) {
      // A wake-up this task cannot take goes to the next waiter.
      if (!locked) {
        wakeUpFirst();
      }
      throw e;
    }
    locked = true;
    return true;
  }

  /**
   * Releases the lock; any task may, as in asyncio.
   *
   * @throws IllegalStateException {@code Lock is not acquired.} (Python's RuntimeError)
   */
  public void release() {
    if (!locked) {
      throw new IllegalStateException("Lock is not acquired.");
    }
    locked = false;
    wakeUpFirst();
  }

  private void wakeUpFirst() {
    Waiter first = waiters.peekFirst();
    if (first != null) {
      first.set();
    }
  }

  @Override
  public String toString() {
    return "<asyncio.Lock [" + (locked ? "locked" : "unlocked")
        + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
  }
}
