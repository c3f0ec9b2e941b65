package io.execmodels.testkit.tck;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules every model keeps, as tests. A model's module subclasses this with its model's name,
 * and JUnit runs every group of rules through the {@link Nested} classes below, each named for its
 * concern ({@link Channels}, {@link Shutdown}...). Each rule is named for the rule it checks, with
 * its group and number ({@code required_shutdown2_aModelServesUntilItIsClosedAndClosesOnce}), so a
 * report says which rule a model broke; each would fail on an implementation that broke it.
 *
 * <p>The rules use only what core promises on every model: tasks touch concurrency only through
 * their {@link io.execmodels.core.Ctx}, and never block a thread with a JDK primitive (the test's
 * own thread, outside the model, may). Randomised rules print their {@link Seed} and rerun from it.
 * Every rule is bounded in time, so a broken model fails instead of hanging; a rule that waits for
 * a counterpart to park waits for it, bounded, instead of sleeping and hoping.
 *
 * <p>After each rule, every model it opened is shut down ({@link ExecutionModel#shutdownNow()}),
 * and a failure to shut down fails the rule: a scheduler that cannot stop cannot pass.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NamesTheModel.class)
public abstract class ExecutionModelTck {

  private final List<ExecutionModel> opened = new CopyOnWriteArrayList<>();

  /** For a model's subclass, which JUnit instantiates per rule. */
  protected ExecutionModelTck() {}

  /**
   * The name the model under test is registered by.
   *
   * @return the model's name, as {@link io.execmodels.core.ExecutionModels#open(String)} takes it
   */
  protected abstract String modelName();

  /**
   * The configuration rules open the model with; override to add model options.
   *
   * @return the configuration, naming the model
   */
  protected Config config() {
    return Config.defaults().withModel(modelName()).withShutdownGrace(Duration.ofSeconds(5));
  }

  /**
   * Opens a fresh model for one rule; it is shut down after the rule whatever happens.
   *
   * @param config the configuration to open it with, naming the model
   * @return the opened model
   */
  protected final ExecutionModel open(Config config) {
    ExecutionModel model = ExecutionModels.open(config);
    opened.add(model);
    return model;
  }

  /**
   * Opens a fresh model with {@link #config()}.
   *
   * @return the opened model
   */
  protected final ExecutionModel open() {
    return open(config());
  }

  /**
   * Shuts down every model the rule opened, and fails the rule if one does not shut down cleanly.
   * A model the rule closed itself shuts down again quietly (closing is idempotent), so what fails
   * here is a model the rule left open whose shutdown reported a failure: a scheduler whose
   * threads did not stop, a task that never stopped, a failure nobody retrieved.
   */
  @AfterEach
  void shutDownWhatTheRuleOpened() {
    List<Throwable> failures = new ArrayList<>();
    for (ExecutionModel model : opened) {
      try {
        model.shutdownNow();
      } catch (RuntimeException | Error e) {
        failures.add(e);
      }
    }
    opened.clear();
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError("after the rule, shutting down the model it opened"
          + " failed: " + failures.get(0), failures.get(0));
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
  }

  /** Finding a model by name: {@link DiscoveryRules}. */
  @Nested
  class Discovery extends DiscoveryRules {
    Discovery() {
      super(ExecutionModelTck.this);
    }
  }

  /** A task's life from spawn to end, and what the scheduler owes it: {@link LifecycleRules}. */
  @Nested
  class Lifecycle extends LifecycleRules {
    Lifecycle() {
      super(ExecutionModelTck.this);
    }
  }

  /** Closing a model and shutting its scheduler down: {@link ShutdownRules}. */
  @Nested
  class Shutdown extends ShutdownRules {
    Shutdown() {
      super(ExecutionModelTck.this);
    }
  }

  /** Channels: delivery, order, close: {@link ChannelRules}. */
  @Nested
  class Channels extends ChannelRules {
    Channels() {
      super(ExecutionModelTck.this);
    }
  }

  /** Select: which case it takes, and when: {@link SelectRules}. */
  @Nested
  class Select extends SelectRules {
    Select() {
      super(ExecutionModelTck.this);
    }
  }

  /** Cancellation and timeouts: {@link CancellationRules}. */
  @Nested
  class Cancellation extends CancellationRules {
    Cancellation() {
      super(ExecutionModelTck.this);
    }
  }

  /** Failures: propagation, and the unhandled-failure policy: {@link FailureRules}. */
  @Nested
  class Failures extends FailureRules {
    Failures() {
      super(ExecutionModelTck.this);
    }
  }
}
