package io.execmodels.multiprocess;

/**
 * A worker process ended while it held tasks, or could not be started: Python's {@code
 * BrokenProcessPool}. Every task that worker held fails with it; under {@link
 * WorkerDeathPolicy#BREAK_POOL} so does every other pending task, and {@link WorkerPool#submit}
 * throws it from then on. The message names the worker, its process id, and how it ended (exit
 * status, signal, or the unusable frame that made the pool end it).
 */
public final class BrokenWorkerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure described by {@code message}.
   *
   * @param message names the worker, its process id and how it ended
   */
  public BrokenWorkerException(String message) {
    super(message);
  }

  /**
   * A failure described by {@code message}, found through {@code cause}.
   *
   * @param message names the worker, its process id and how it ended
   * @param cause the failure that revealed it (e.g. the start or read that failed)
   */
  public BrokenWorkerException(String message, Throwable cause) {
    super(message, cause);
  }
}
