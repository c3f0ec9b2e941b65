package io.execmodels.testkit.tck;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;

/**
 * Registers the test-only {@code minimal} model: {@link MinimalScheduler}, correct unless the
 * option {@value Fault#OPTION} names a {@link Fault} to break it with.
 */
public final class MinimalModelProvider implements ExecutionModelProvider {

  static final String NAME = "minimal";

  /** For {@link java.util.ServiceLoader}. */
  public MinimalModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test only: each task a virtual thread, and nothing more";
  }

  @Override
  public ExecutionModel open(Config config) {
    Fault fault = config.option(Fault.OPTION).map(Fault::of).orElse(Fault.NONE);
    return SchedulerModels.create(NAME, config, fault.around(new MinimalScheduler()));
  }
}
