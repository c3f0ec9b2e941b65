package io.execmodels.core;

/**
 * What a model does with a task failure that nobody handled. A failure of a task with a handle is
 * judged unhandled when nobody has retrieved it (see {@link Task}) by the time the run that
 * spawned the task ends ({@link ExecutionModel#run} returns), or for tasks spawned from outside
 * any run, when the model closes. A failure of a detached task ({@link Ctx#go}) is unhandled at
 * once: nobody can ever retrieve it.
 */
public enum UnhandledFailurePolicy {

  /**
   * The failure fails the run: {@link ExecutionModel#run} throws an {@link
   * UnhandledFailureException} caused by it (or {@link ExecutionModel#close()} does, for tasks
   * spawned from outside a run). A detached task's failure ends the run at once, cancelling its
   * other tasks, like a Go panic or a Node unhandled rejection; an unretrieved failure of a task
   * with a handle is judged when the run ends, which keeps the judgement deterministic and lets
   * code await a task after it failed. The default.
   */
  FAIL_RUN,

  /**
   * The failure is logged at {@code WARNING} through {@link System.Logger} (logger {@code
   * io.execmodels}) — a detached task's at once, others when they are judged — and the run goes
   * on, as asyncio logs "Task exception was never retrieved".
   */
  LOG
}
