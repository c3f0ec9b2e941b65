package io.execmodels.examples;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one run of a {@link DemoService} gave: its result, the wall time it took, and, for a
 * service that serves requests, each request's latency.
 *
 * @param result the service's result
 * @param wall the elapsed real time of the run, measured from outside the model (so it includes
 *     entering and leaving the run, not only the service's own work)
 * @param latencies the latency of each request of the run, in no particular order; empty for a
 *     service without requests
 */
public record Measured(long result, Duration wall, List<Duration> latencies) {

  /** Checks the values. */
  public Measured {
    Objects.requireNonNull(wall, "wall");
    if (wall.isNegative()) {
      throw new IllegalArgumentException("wall time must not be negative, was " + wall);
    }
    latencies = List.copyOf(latencies);
  }

  /** A run without per-request latencies. */
  public Measured(long result, Duration wall) {
    this(result, wall, List.of());
  }
}
