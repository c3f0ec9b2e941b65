package io.execmodels.core.spi;

/**
 * A model's handle on one task: what {@link Scheduler#spawn} returns, {@link Scheduler#current()}
 * finds and {@link Scheduler#unpark} wakes. Its representation (a virtual thread, a continuation,
 * a simulated task) is the model's business.
 */
public interface Fiber {

  /**
   * The body given to {@link Scheduler#spawn}, the very same object; or {@code null} once it has
   * returned, from a scheduler that lets go of bodies then (so their results can be collected).
   *
   * @return the fiber's body, or {@code null} once it has returned (for some schedulers)
   */
  TaskBody body();
}
