package io.execmodels.testkit.prop;

/**
 * A property failed: the message is the {@link Counterexample#report() report} (property, shrunk
 * input, schedule, replay line), the cause the failing run's exception.
 */
public final class PropertyFailedError extends AssertionError {
  private static final long serialVersionUID = 1L;

  PropertyFailedError(String report, Throwable cause) {
    super(report, cause);
  }
}
