package io.execmodels.core;

/**
 * What a model does with a task failure that nobody retrieved (see {@link Task}). A failure is
 * judged unhandled when the run that spawned the task ends ({@link ExecutionModel#run} returns),
 * or for tasks spawned from outside any run, when the model closes.
 */
public enum UnhandledFailurePolicy {

  /**
   * The failure fails the run when the run ends: {@link ExecutionModel#run} throws it (or {@link
   * ExecutionModel#close()} does, for tasks spawned from outside a run). The default. Judging at the
   * end of the run, not when the task fails, keeps it deterministic and lets code await a task
   * after it failed; it does not cut a run short the way a Go panic or Node's unhandled rejection
   * ends the program (models that emulate those add their own policies).
   */
  FAIL_RUN,

  /**
   * The failure is logged at {@code WARNING} through {@link System.Logger} (logger {@code
   * io.execmodels}) and the run goes on, as asyncio logs "Task exception was never retrieved".
   */
  LOG
}
