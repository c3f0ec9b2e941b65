package io.execmodels.core;

import java.util.List;

/**
 * Thrown by {@link ExecutionModel#run} or {@link ExecutionModel#close()} under {@link
 * UnhandledFailurePolicy#FAIL_RUN}: a task failed and nobody retrieved its failure. The first such
 * failure is the cause; any others are suppressed in this exception.
 */
public final class UnhandledFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates it from the unretrieved failures, in the order they happened; at least one. */
  public UnhandledFailureException(List<Throwable> failures) {
    super(describe(failures), failures.get(0));
    failures.subList(1, failures.size()).forEach(this::addSuppressed);
  }

  private static String describe(List<Throwable> failures) {
    String first = "unhandled task failure: " + failures.get(0);
    return failures.size() == 1 ? first : first + " (and " + (failures.size() - 1) + " more)";
  }
}
