package io.execmodels.gilsim.futures;

/**
 * {@code concurrent.futures.InvalidStateError}: a result or exception set on a future that is
 * already done ({@code "FINISHED: <Future ...>"}, CPython's text).
 */
public final class InvalidStateError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * A misuse, described by {@code message}.
   *
   * @param message says what was misused and how
   */
  public InvalidStateError(String message) {
    super(message);
  }
}
