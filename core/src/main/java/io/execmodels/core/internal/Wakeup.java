package io.execmodels.core.internal;

/**
 * A timer action that marks a deadline reached and wakes the task waiting for it ({@code sleep}).
 * {@code fired} is written before the unpark, and read by the task before each park.
 */
final class Wakeup implements Runnable {
  private final TaskImpl<?> task;
  volatile boolean fired;

  Wakeup(TaskImpl<?> task) {
    this.task = task;
  }

  @Override
  public void run() {
    fired = true;
    task.unpark();
  }
}
