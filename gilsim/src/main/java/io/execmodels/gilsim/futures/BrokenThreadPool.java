package io.execmodels.gilsim.futures;

/**
 * {@code concurrent.futures.thread.BrokenThreadPool}: a worker's initializer failed ({@code "A
 * thread initializer failed, the thread pool is not usable anymore"}). The initializer's exception
 * is the cause where this thread pool knows it.
 */
public final class BrokenThreadPool extends BrokenExecutor {
  private static final long serialVersionUID = 1L;

  static final String INITIALIZER_FAILED =
      "A thread initializer failed, the thread pool is not usable anymore";

  /**
   * A broken thread pool, described by {@code message}, found through {@code cause}.
   *
   * @param message says what broke
   * @param cause the failure that showed it; {@code null} if none
   */
  public BrokenThreadPool(String message, Throwable cause) {
    super(message, cause);
  }
}
