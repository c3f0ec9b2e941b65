package io.execmodels.csp;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts the model's virtual threads and counts those whose body has not returned, so that
 * shutdown can wait for the last one.
 *
 * <p>Why not {@code Executors.newThreadPerTaskExecutor}: it keeps every live thread in a
 * concurrent hash set (for {@code shutdownNow}, which core never needs: it cancels tasks itself)
 * and names every thread, and those two were most of a spawn's cost beyond the virtual thread.
 * A counter serves: one atomic add per start and per end.
 *
 * <p>Ordering: a start raises the count, then reads {@code closed}; {@link #close} sets {@code
 * closed}, then reads the count. Both volatile, so either the start sees the close and is
 * refused, or the close waits for the thread. An end lowers the count, then reads {@code waiting};
 * a waiter raises {@code waiting}, then reads the count: the last end cannot slip past a waiter
 * unsignalled.
 */
final class LiveThreads {
  private final AtomicLong live = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition none = lock.newCondition();
  private volatile boolean closed;
  private volatile boolean waiting;

  /**
   * Starts a virtual thread running {@code body}, then {@link #ended}.
   *
   * @throws RejectedExecutionException once {@link #close} has been called
   */
  void start(Runnable body) {
    live.incrementAndGet();
    if (closed) {
      ended();
      throw new RejectedExecutionException("the csp scheduler is shut down");
    }
    try {
      Thread.ofVirtual().start(() -> {
        try {
          body.run();
        } finally {
          ended();
        }
      });
    } catch (RuntimeException | Error e) {
      ended();
      throw e;
    }
  }

  private void ended() {
    if (live.decrementAndGet() == 0 && waiting) {
      lock.lock();
      try {
        none.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Refuses further starts and waits up to {@code timeoutNanos} for every started body to return,
   * ignoring interrupts (and restoring the flag).
   *
   * @return whether every body has returned
   */
  boolean close(long timeoutNanos) {
    closed = true;
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
          left = none.awaitNanos(left);
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
