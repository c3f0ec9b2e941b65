package io.execmodels.gilsim.futures;

import java.time.Duration;

/** Timeouts as this package reads them: null is no limit; zero or negative, no wait. */
final class Deadlines {
  /** Far enough to be never, near enough that adding it to {@link System#nanoTime} is safe. */
  static final long FOREVER = Long.MAX_VALUE / 4;

  private Deadlines() {}

  /** The wait in nanoseconds: {@link #FOREVER} for null, at least 0. */
  static long nanos(Duration timeout) {
    if (timeout == null) {
      return FOREVER;
    }
    if (timeout.isNegative() || timeout.isZero()) {
      return 0;
    }
    return timeout.compareTo(Duration.ofNanos(FOREVER)) >= 0 ? FOREVER : timeout.toNanos();
  }

  /** The {@link System#nanoTime} at which {@code timeout}, counted from now, ends. */
  static long deadline(Duration timeout) {
    return System.nanoTime() + nanos(timeout);
  }

  /** What is left until {@code deadline}, at least 0. */
  static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
