package io.execmodels.csp;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;

/** Registers the {@code csp} model (Go: goroutines on virtual threads) with {@code ExecutionModels}. */
public final class CspModelProvider implements ExecutionModelProvider {

  /** The model's name. */
  public static final String NAME = "csp";

  /** For {@link java.util.ServiceLoader}. */
  public CspModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Go: goroutines on virtual threads, channels and select";
  }

  @Override
  public ExecutionModel open(Config config) {
    return SchedulerModels.create(NAME, config, new CspScheduler(config));
  }
}
