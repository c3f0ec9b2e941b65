package io.execmodels.csp;

import io.execmodels.core.Channel;

/**
 * Channels used as broadcasts: nothing is ever sent on them, and closing one wakes every task
 * waiting on it, now and later (Go's {@code close(done)} idiom). Shared by {@link WaitGroup} and
 * {@link Once}.
 */
final class Signals {
  private Signals() {}

  /**
   * Waits until {@code signal} is closed. A suspension point.
   *
   * @throws java.util.concurrent.CancellationException if the calling task is cancelled first
   * @throws IllegalStateException if a value was sent on it (a bug: signals carry none)
   */
  static void awaitClosed(Channel<?> signal) {
    if (signal.iterator().hasNext()) {
      throw new IllegalStateException("a value was sent on a signal channel");
    }
  }
}
