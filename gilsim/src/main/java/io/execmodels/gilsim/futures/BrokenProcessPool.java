package io.execmodels.gilsim.futures;

/**
 * {@code concurrent.futures.process.BrokenProcessPool}: a child process ended while the pool
 * held tasks (it exited, was killed, or its initializer failed). Futures pending or running then
 * fail with {@link #TERMINATED_ABRUPTLY}; a later {@code submit} throws one with {@link
 * #NOT_USABLE}, CPython's two texts. The cause is multiprocess's {@code BrokenWorkerException},
 * which names the worker, its process id and how it ended.
 */
public final class BrokenProcessPool extends BrokenExecutor {
  private static final long serialVersionUID = 1L;

  /** The text a pending or running future fails with. */
  public static final String TERMINATED_ABRUPTLY = "A process in the process pool was terminated"
      + " abruptly while the future was running or pending.";
  /** The text a {@code submit} to a broken pool throws with. */
  public static final String NOT_USABLE =
      "A child process terminated abruptly, the process pool is not usable anymore";

  /**
   * A broken process pool, described by {@code message}, found through {@code cause}.
   *
   * @param message says what broke
   * @param cause the failure that showed it; {@code null} if none
   */
  public BrokenProcessPool(String message, Throwable cause) {
    super(message, cause);
  }
}
