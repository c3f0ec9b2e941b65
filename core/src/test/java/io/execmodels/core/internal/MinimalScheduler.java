package io.execmodels.core.internal;

import io.execmodels.core.Config;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.VirtualThreadScheduler;

/**
 * The least scheduler core runs on, for core's own tests (which cannot use a model module or the
 * testkit, both built on core): each task a virtual thread, timers on the scheduler's own timer
 * thread, blocking calls and jobs in place ({@link VirtualThreadScheduler} as it is). Core's
 * channel, select and cancellation code is tested on it through {@link ModelRuntime}, as every
 * model runs it.
 */
final class MinimalScheduler extends VirtualThreadScheduler {

  MinimalScheduler() {
    super("core test scheduler", "core-test-timer");
  }

  /** A model on a fresh scheduler of this kind. */
  static ModelRuntime model() {
    return new ModelRuntime("core-test", Config.defaults(), new MinimalScheduler());
  }

  @Override
  public Traits traits() {
    return new Traits(Runtime.getRuntime().availableProcessors(), Traits.Preemption.FULL,
        Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  protected boolean stop(GraceDeadline deadline) {
    return closeFibers(deadline.nanosLeft());
  }
}
