package io.execmodels.core;

import io.execmodels.core.internal.ModelRuntime;
import io.execmodels.core.spi.Scheduler;

/**
 * Turns a {@link Scheduler} into a full {@link ExecutionModel}: what a model's {@link
 * io.execmodels.core.spi.ExecutionModelProvider} calls. It lives here, not in {@code core.spi},
 * because it is where the SPI meets core's implementation: the SPI itself depends on nothing of
 * core's internals.
 */
public final class SchedulerModels {

  private SchedulerModels() {}

  /**
   * Creates the model. It owns {@code scheduler} from now on and {@linkplain Scheduler#shutdown
   * shuts it down} when it closes.
   *
   * @param name the model's name, as its provider registers it
   * @param config the configuration it was opened with
   * @param scheduler the model's scheduler, not used by anything else
   * @return the new model, open
   */
  public static ExecutionModel create(String name, Config config, Scheduler scheduler) {
    return new ModelRuntime(name, config, scheduler);
  }
}
