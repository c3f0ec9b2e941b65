package io.execmodels.testkit.tck;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import java.util.Objects;

/**
 * What every group of rules shares: the {@link ExecutionModelTck} it runs for, which names the
 * model, configures it and shuts down what a rule opened. Each group is a class of its own
 * ({@code ChannelRules}, {@code ShutdownRules}...), run through a {@link
 * org.junit.jupiter.api.Nested} class of {@code ExecutionModelTck}, so a model's one subclass runs
 * them all.
 *
 * <p>A rule's name says which group it belongs to and its number there, then the behaviour:
 * {@code required_channel3_sendingOnAClosedChannelFailsWithAClearException}. The numbers are
 * stable ids for a report, not an order.
 */
abstract class RuleSet {

  private final ExecutionModelTck tck;

  RuleSet(ExecutionModelTck tck) {
    this.tck = Objects.requireNonNull(tck, "tck");
  }

  /** The name the model under test is registered by. */
  final String modelName() {
    return tck.modelName();
  }

  /** The configuration rules open the model with. */
  final Config config() {
    return tck.config();
  }

  /** Opens a fresh model for one rule; it is shut down after the rule whatever happens. */
  final ExecutionModel open(Config config) {
    return tck.open(config);
  }

  /** Opens a fresh model with {@link #config()}. */
  final ExecutionModel open() {
    return tck.open();
  }
}
