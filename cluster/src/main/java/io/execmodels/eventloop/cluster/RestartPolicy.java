package io.execmodels.eventloop.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link Cluster} replaces a worker that exited unexpectedly (neither disconnected nor
 * killed by the primary, nor during {@link Cluster#close()}): after a back-off that doubles with
 * each crash in a row of the same worker slot, from {@code initialBackoff} up to {@code
 * maxBackoff}; and never more than {@code maxRestarts} times within {@code window}, past which
 * the slot is given up and the cluster emits {@code error} (a crash loop is throttled, then
 * reported, never a fork bomb). A worker that lived longer than {@code window} starts its slot's
 * count afresh. Immutable.
 *
 * @param initialBackoff the wait before the first restart of a crash run
 * @param maxBackoff the longest wait
 * @param maxRestarts the most restarts of one slot within {@code window}; 0 never restarts
 * @param window the span over which restarts are counted
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, int maxRestarts,
    Duration window) {

  /** Checks the values. */
  public RestartPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(window, "window");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0
        || maxRestarts < 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a restart policy needs 0 <= initialBackoff <="
          + " maxBackoff, maxRestarts >= 0 and a positive window: " + this);
    }
  }

  /**
   * No restart: Node's default, where the program restarts workers in its {@code exit} handler.
   *
   * @return a policy with {@code maxRestarts} 0
   */
  public static RestartPolicy never() {
    return new RestartPolicy(Duration.ZERO, Duration.ZERO, 0, Duration.ofMinutes(1));
  }

  /**
   * Restarts after 100 ms doubling to 10 s, at most 5 times a minute per slot.
   *
   * @return that policy
   */
  public static RestartPolicy defaults() {
    return new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 5,
        Duration.ofMinutes(1));
  }

  /** The wait before restart number {@code run} (from 1) of a crash run. */
  Duration backoff(int run) {
    assert run >= 1;
    Duration d = initialBackoff;
    for (int i = 1; i < run && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
