package io.execmodels.core.internal;

import java.time.Duration;

/**
 * One {@code withTimeout} in progress: a link in its task's chain of enclosing timeouts, and the
 * timer action that expires it. The timer writes {@code expired} before it unparks the task, so
 * the task's next {@link TaskImpl#checkCancelled()} sees it.
 */
final class TimeoutScope implements Runnable {
  final Duration timeout;
  final TimeoutScope outer;
  private final TaskImpl<?> task;
  volatile boolean expired;

  TimeoutScope(Duration timeout, TimeoutScope outer, TaskImpl<?> task) {
    this.timeout = timeout;
    this.outer = outer;
    this.task = task;
  }

  @Override
  public void run() {
    expired = true;
    task.unpark();
  }
}
