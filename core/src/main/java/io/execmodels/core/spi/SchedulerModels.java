package io.execmodels.core.spi;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.internal.ModelRuntime;

/** Turns a {@link Scheduler} into a full {@link ExecutionModel}. */
public final class SchedulerModels {

  private SchedulerModels() {}

  /**
   * Creates the model. It owns {@code scheduler} from now on and {@linkplain Scheduler#shutdown
   * shuts it down} when it closes.
   *
   * @param name the model's name, as its provider registers it
   * @param config the configuration it was opened with
   * @param scheduler the model's scheduler, not used by anything else
   */
  public static ExecutionModel create(String name, Config config, Scheduler scheduler) {
    return new ModelRuntime(name, config, scheduler);
  }
}
