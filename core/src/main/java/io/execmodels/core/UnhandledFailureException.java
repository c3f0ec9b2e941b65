package io.execmodels.core;

import java.util.List;

/**
 * Thrown by {@link ExecutionModel#run} or {@link ExecutionModel#close()} under {@link
 * UnhandledFailurePolicy#FAIL_RUN}: a task failed and nobody retrieved its failure, or a detached
 * task ({@link Ctx#go}) failed. The first such failure is the cause (its stack trace is the failed
 * task's), the message names its task, and any other failures are suppressed in this exception.
 */
public final class UnhandledFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates it from the unhandled failures, in the order they happened (at least one), naming the
   * task of the first.
   *
   * @param task the name of the task whose failure came first
   * @param failures the failures, first first; at least one
   */
  public UnhandledFailureException(String task, List<Throwable> failures) {
    super(describe(task, failures), failures.get(0));
    failures.subList(1, failures.size()).forEach(this::addSuppressed);
  }

  private static String describe(String task, List<Throwable> failures) {
    String first = "task '" + task + "' failed and nobody handled it: " + failures.get(0);
    return failures.size() == 1 ? first : first + " (and " + (failures.size() - 1) + " more)";
  }
}
