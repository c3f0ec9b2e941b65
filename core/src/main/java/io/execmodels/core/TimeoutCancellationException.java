package io.execmodels.core;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Thrown at a suspension point inside {@link Ctx#withTimeout} once its timeout has expired, and out
 * of that {@code withTimeout} call. It is a {@link CancellationException}: code that stops cleanly on
 * cancellation stops cleanly on a timeout too.
 */
public final class TimeoutCancellationException extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** The timeout that expired. */
  private final Duration timeout;

  /**
   * Creates it for the {@code withTimeout} whose {@code timeout} expired.
   *
   * @param timeout the timeout given to {@code withTimeout}
   */
  public TimeoutCancellationException(Duration timeout) {
    super("timed out after " + timeout);
    this.timeout = timeout;
  }

  /**
   * The timeout that expired.
   *
   * @return the timeout given to {@code withTimeout}
   */
  public Duration timeout() {
    return timeout;
  }
}
