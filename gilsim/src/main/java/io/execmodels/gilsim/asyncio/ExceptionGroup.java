package io.execmodels.gilsim.asyncio;

import java.util.List;

/**
 * Python's {@code ExceptionGroup}: several failures raised together, as {@link TaskGroup} does
 * ({@code unhandled errors in a TaskGroup (2 sub-exceptions)}). Each failure is also attached as
 * a suppressed exception, so stack traces show them all. Immutable.
 */
public final class ExceptionGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The failures, in the order they happened. */
  private final List<Throwable> exceptions;

  /**
   * A group of {@code exceptions}, which must not be empty.
   *
   * @param message the message before the count, as Python's ({@code unhandled errors in a
   *     TaskGroup})
   * @param exceptions at least one failure
   */
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(message + " (" + exceptions.size() + " sub-exception"
        + (exceptions.size() == 1 ? "" : "s") + ")");
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("second argument (exceptions) must be a non-empty"
          + " sequence");
    }
    this.exceptions = List.copyOf(exceptions);
    this.exceptions.forEach(this::addSuppressed);
  }

  /**
   * The failures, in the order they happened.
   *
   * @return the failures, in order; at least one
   */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}
