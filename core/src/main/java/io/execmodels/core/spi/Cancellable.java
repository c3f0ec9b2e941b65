package io.execmodels.core.spi;

/** A pending timer action, from {@link Scheduler#schedule}. */
@FunctionalInterface
public interface Cancellable {

  /**
   * Stops the action from running, if it has not started. Idempotent, and safe from any thread.
   *
   * @return whether this call prevented it from running
   */
  boolean cancel();
}
