package io.execmodels.gilsim.futures;

/**
 * {@code concurrent.futures.BrokenExecutor}: an executor that can no longer run tasks. Every
 * pending future of it fails with one, and so does every later {@code submit}. Unchecked, as
 * CPython's is a {@code RuntimeError}.
 */
public class BrokenExecutor extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A broken executor, described by {@code message}, found through {@code cause} (may be null).
   *
   * @param message says what broke
   * @param cause the failure that showed it; {@code null} if none
   */
  public BrokenExecutor(String message, Throwable cause) {
    super(message, cause);
  }
}
