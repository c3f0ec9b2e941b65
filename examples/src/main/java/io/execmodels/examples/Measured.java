package io.execmodels.examples;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run of a {@link DemoService} gave: its result, and the wall time it took.
 *
 * @param result the service's result
 * @param wall the elapsed real time of the run, measured from outside the model (so it includes
 *     entering and leaving the run, not only the service's own work)
 */
public record Measured(long result, Duration wall) {

  /** Checks the values. */
  public Measured {
    Objects.requireNonNull(wall, "wall");
    if (wall.isNegative()) {
      throw new IllegalArgumentException("wall time must not be negative, was " + wall);
    }
  }
}
