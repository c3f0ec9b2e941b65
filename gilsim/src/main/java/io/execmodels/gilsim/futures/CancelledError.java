package io.execmodels.gilsim.futures;

import java.util.concurrent.CancellationException;

/**
 * {@code concurrent.futures.CancelledError}: thrown by {@link Future#result} and {@link
 * Future#exception} of a cancelled future, and by a {@link MapIterator} that reaches one. A type of
 * its own (as in CPython, where it is not asyncio's), and a {@link CancellationException} so that
 * Java code catching that sees it too.
 */
public final class CancelledError extends CancellationException {
  private static final long serialVersionUID = 1L;

  /**
   * A cancellation, described by {@code message} (may be null, as CPython's has none).
   *
   * @param message says what was cancelled; {@code null} for none
   */
  public CancelledError(String message) {
    super(message);
  }
}
