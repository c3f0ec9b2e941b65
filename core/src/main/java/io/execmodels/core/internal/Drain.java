package io.execmodels.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A count of live tasks that a thread outside the model can wait to see reach zero.
 *
 * <p>The hot path ({@link #increment}, {@link #decrement}) is one atomic add; the lock is taken
 * only when someone waits. A waiter raises {@code waiting} before reading the count, and a
 * decrement reads {@code waiting} after lowering the count: with both volatile, at least one of
 * them sees the other, so the last decrement never slips past a waiter unsignalled.
 *
 * <p>Public for {@code core.spi.VirtualThreadFibers}; this package is not exported.
 */
public final class Drain {
  private final AtomicLong live = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition empty = lock.newCondition();
  private volatile boolean waiting;

  public void increment() {
    live.incrementAndGet();
  }

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

  public long count() {
    return live.get();
  }

  /**
   * Waits until the count is zero, or for at most {@code timeoutNanos} ({@link Long#MAX_VALUE}:
   * forever), ignoring interrupts (and restoring the flag).
   *
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
