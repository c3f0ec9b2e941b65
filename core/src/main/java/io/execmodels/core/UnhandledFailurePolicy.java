package io.execmodels.core;

/**
 * What a model does with a task failure that nobody retrieved (see {@link Task}). A failure is
 * judged unhandled when the run that spawned the task ends ({@link ExecutionModel#run} returns),
 * or for tasks spawned from outside any run, when the model closes.
 */
public enum UnhandledFailurePolicy {

  /**
   * The failure ends the run: {@link ExecutionModel#run} throws it (or {@link
   * ExecutionModel#close()} does, for tasks spawned from outside a run), as an unhandled promise
   * rejection ends a Node program and a panic in a goroutine ends a Go program. The default.
   */
  FAIL_RUN,

  /**
   * The failure is logged at {@code WARNING} through {@link System.Logger} (logger {@code
   * io.execmodels}) and the run goes on, as asyncio logs "Task exception was never retrieved".
   */
  LOG
}
