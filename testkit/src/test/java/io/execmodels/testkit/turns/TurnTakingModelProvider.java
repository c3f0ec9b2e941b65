package io.execmodels.testkit.turns;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;

/** Registers the test-only {@code turns} model (see {@link TurnTakingScheduler}). */
public final class TurnTakingModelProvider implements ExecutionModelProvider {

  static final String NAME = "turns";

  /** For {@link java.util.ServiceLoader}. */
  public TurnTakingModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test only: tasks take one turn at a time and switch only where they wait";
  }

  @Override
  public ExecutionModel open(Config config) {
    return SchedulerModels.create(NAME, config, new TurnTakingScheduler());
  }
}
