package io.execmodels.eventloop;

import java.util.List;

/**
 * What {@link Promise#any} rejects with when every promise was rejected: JavaScript's {@code
 * AggregateError}. {@link #errors()} lists the reasons in the order of the promises; they are also
 * attached as suppressed exceptions, so a printed stack shows them.
 */
public final class AggregateException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Throwable> errors;

  AggregateException(String message, List<Throwable> errors) {
    super(message);
    this.errors = List.copyOf(errors);
    errors.forEach(this::addSuppressed);
  }

  /**
   * Each promise's reason, in the order the promises were given.
   *
   * @return the reasons, in the promises' order; empty if none were given
   */
  public List<Throwable> errors() {
    return errors;
  }
}
