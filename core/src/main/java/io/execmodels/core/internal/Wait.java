package io.execmodels.core.internal;

/**
 * An untimed wait a task is in, as deadlock detection sees it: whether it is still unanswered,
 * and what it is, for the report. Only waits that nothing but another task of the run can end
 * are registered (see {@link ModelRuntime#blocked}).
 */
interface Wait {

  /** Whether nothing has answered the wait yet. Read from any thread. */
  boolean pending();

  /** What the task waits on, for a deadlock report. */
  String description();
}
