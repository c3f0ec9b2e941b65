package io.execmodels.core.internal;

import java.time.Duration;

/**
 * One {@code withTimeout} in progress: a link in its task's chain of enclosing timeouts, and the
 * timer action that wakes its task when it expires.
 *
 * <p>Expiry is read off the model's clock ({@link #isExpired()}), not off the timer: on a model
 * whose timers cannot fire while the task computes (an event loop), a suspension point after the
 * deadline must still see it. The timer only ends a park that would otherwise outlast it.
 */
final class TimeoutScope implements Runnable {
  final Duration timeout;
  final long deadlineNanos;
  final TimeoutScope outer;
  private final TaskImpl<?> task;

  TimeoutScope(Duration timeout, long deadlineNanos, TimeoutScope outer, TaskImpl<?> task) {
    this.timeout = timeout;
    this.deadlineNanos = deadlineNanos;
    this.outer = outer;
    this.task = task;
  }

  boolean isExpired() {
    return task.runtime.scheduler.nanoTime() - deadlineNanos >= 0;
  }

  @Override
  public void run() {
    task.unpark();
  }
}
