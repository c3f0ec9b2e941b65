package io.execmodels.gilsim.futures;

/** When {@link Futures#wait} returns, CPython's {@code return_when} constants. */
public enum ReturnWhen {
  /** As soon as any future is done (finished or cancelled). */
  FIRST_COMPLETED,
  /**
   * As soon as any future finishes with an exception; if none does, when all are done (like
   * {@link #ALL_COMPLETED}).
   */
  FIRST_EXCEPTION,
  /** When every future is done. */
  ALL_COMPLETED
}
