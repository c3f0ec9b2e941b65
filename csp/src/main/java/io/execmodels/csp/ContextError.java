package io.execmodels.csp;

import java.util.concurrent.CancellationException;

/**
 * Why a {@link GoContext} was cancelled: Go's {@code context.Canceled} and {@code
 * context.DeadlineExceeded}, as the values {@link GoContext#err()} returns. Compare them with
 * {@code ==}, as Go code compares {@code ctx.Err() == context.Canceled}. They are values, not
 * exceptions; {@link #toException()} makes one for code that wants to throw.
 */
public enum ContextError {
  /** The context was cancelled by its cancel function, or an ancestor's. */
  CANCELED("context canceled"),
  /** The context's deadline, or an ancestor's, passed. */
  DEADLINE_EXCEEDED("context deadline exceeded");

  private final String message;

  ContextError(String message) {
    this.message = message;
  }

  /**
   * A new {@link CancellationException} with Go's message for this error.
   *
   * @return a new exception whose message is Go's text for this error
   */
  public CancellationException toException() {
    return new CancellationException(message);
  }

  /** Go's message: {@code "context canceled"} or {@code "context deadline exceeded"}. */
  @Override
  public String toString() {
    return message;
  }
}
