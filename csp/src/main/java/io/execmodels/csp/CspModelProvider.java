package io.execmodels.csp;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.List;

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

  /** The {@code csp.*} options; the module's README explains each at length. */
  @Override
  public List<ModelOption> options() {
    return List.of(
        new ModelOption("csp.deadlockDetection", "true", "a run whose tasks all wait on each"
            + " other fails with DeadlockException (Go's 'all goroutines are asleep')"),
        new ModelOption("csp.selectSeed", "none", "seeds select's random choice among ready"
            + " cases, so that a run whose selects happen in one task chooses the same way"),
        new ModelOption("csp.parkSpins", "128 (0 with a parallelism limit or one carrier)",
            "the most times a waiting task spins for its wake-up before it parks"),
        new ModelOption("csp.carrier", "default", "'own' runs every task on one carrier thread"
            + " of the model's own (parallelism 1; needs --add-opens"
            + " java.base/java.lang=ALL-UNNAMED), where a hand-off is a switch on that thread"));
  }
}
