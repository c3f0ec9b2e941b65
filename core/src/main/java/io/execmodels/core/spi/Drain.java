package io.execmodels.core.spi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A count of live tasks (or threads) that a thread outside them can wait to see reach zero: how
 * core waits for a run's tasks and a scheduler for its fibers at shutdown.
 *
 * <p>The hot path ({@link #increment}, {@link #decrement}) is one atomic add; the lock is taken
 * only when someone waits. A waiter raises {@code waiting} before reading the count, and a
 * decrement reads {@code waiting} after lowering the count: with both volatile, at least one of
 * them sees the other, so the last decrement never slips past a waiter unsignalled.
 *
 * <p>Thread-safe.
 */
public final class Drain {
  private final AtomicLong live = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition empty = lock.newCondition();
  private volatile boolean waiting;

  /** A count at zero. */
  public Drain() {}

  /** One more is live. Any thread. */
  public void increment() {
    live.incrementAndGet();
  }

  /** One fewer is live; the last one wakes whoever waits in {@link #awaitZero}. Any thread. */
  public void decrement() {
    if (live.decrementAndGet() == 0 && waiting) {
      lock.lock();
      try {
        empty.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * How many are live now. Any thread.
   *
   * @return the number live now; 0 once drained
   */
  public long count() {
    return live.get();
  }

  /**
   * Waits until the count is zero, or for at most {@code timeoutNanos} ({@link Long#MAX_VALUE}:
   * forever), ignoring interrupts (and restoring the flag).
   *
   * @param timeoutNanos the longest to wait, in nanoseconds; {@link Long#MAX_VALUE} waits forever
   * @return whether the count reached zero
   */
  public boolean awaitZero(long timeoutNanos) {
    boolean interrupted = false;
    long left = timeoutNanos;
    lock.lock();
    try {
      waiting = true;
      while (live.get() != 0) {
        if (left <= 0) {
          return false;
        }
        try {
          if (timeoutNanos == Long.MAX_VALUE) {
            empty.await();
          } else {
            left = empty.awaitNanos(left);
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return true;
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
