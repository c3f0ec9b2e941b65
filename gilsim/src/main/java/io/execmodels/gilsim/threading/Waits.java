package io.execmodels.gilsim.threading;

import java.time.Duration;

/**
 * What this package's waits share. They block through {@link io.execmodels.gilsim.Gil#blockOn},
 * never inside a primitive's own lock: a waiter that held such a lock while taking the GIL back,
 * and the GIL's holder waiting for that lock, would wait for each other for good.
 */
final class Waits {
  private Waits() {}

  /**
   * A timeout in nanoseconds.
   *
   * @throws IllegalArgumentException if negative ("timeout value must be positive", as CPython)
   */
  static long nanos(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout value must be positive, was " + timeout);
    }
    return timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos();
  }
}
