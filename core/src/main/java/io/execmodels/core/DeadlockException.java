package io.execmodels.core;

import java.util.List;

/**
 * Thrown by {@link ExecutionModel#run} when every task of the run waits for another of them and
 * nothing else can wake any: Go's "all goroutines are asleep - deadlock!". The run's tasks were
 * cancelled to end it. Reported only by models that promise a closed world (see {@link
 * io.execmodels.core.spi.Scheduler#detectsDeadlocks()}).
 */
public final class DeadlockException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Each task of the run and what it waited on, one line each. */
  private final List<String> waits;

  /**
   * Creates it from the waits of every task of the run.
   *
   * @param waits one line per task of the run, saying what it waited on
   */
  public DeadlockException(List<String> waits) {
    super("all tasks of the run are asleep - deadlock!\n  " + String.join("\n  ", waits));
    this.waits = List.copyOf(waits);
  }

  /**
   * Each task of the run and what it waited on ({@code task 'name': receive on Channel#3}).
   *
   * @return one line per task; unmodifiable
   */
  public List<String> waits() {
    return waits;
  }
}
