package io.execmodels.core.spi;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link Scheduler#schedule} on one platform daemon thread, for models on the wall clock ({@link
 * System#nanoTime()}) that have no loop of their own to run timers on. The thread starts with the
 * first timer and ends with {@link #shutdown}; cancelled timers are dropped at once, so a model
 * that arms and cancels many timeouts holds no garbage. Thread-safe.
 */
public final class TimerThread {
  private final ScheduledThreadPoolExecutor executor;

  /** Creates it; its thread, once started, is named {@code threadName}. */
  public TimerThread(String threadName) {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  /**
   * Runs {@code action} on the timer thread at or after {@code deadlineNanos} of {@link
   * System#nanoTime()}.
   *
   * @throws RejectedExecutionException after {@link #shutdown}
   */
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    ScheduledFuture<?> f =
        executor.schedule(action, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /**
   * Drops pending timers and waits up to {@code grace} for the thread to end.
   *
   * @return whether it ended
   */
  public boolean shutdown(Duration grace) {
    executor.shutdownNow();
    try {
      return executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
