package io.execmodels.testkit.sim;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.Arrays;
import java.util.List;

/**
 * Registers the simulation under {@code sim} and one name per {@link Profile} ({@code
 * sim:eventloop}, {@code sim:asyncio}, {@code sim:gil-threads}, {@code sim:csp}); its options are
 * read from the config as {@link SimOptions#from} says. Opened by name, a simulation lives in an
 * open world: outside threads may use it as they would any model.
 */
public final class SimModelProvider implements ExecutionModelProvider {

  /** For {@link java.util.ServiceLoader}. */
  public SimModelProvider() {}

  @Override
  public String name() {
    return Profile.SIM.modelName();
  }

  @Override
  public List<String> names() {
    return Arrays.stream(Profile.values()).map(Profile::modelName).toList();
  }

  @Override
  public String description() {
    return "deterministic simulation: one task at a time, a seeded schedule, virtual time";
  }

  @Override
  public ExecutionModel open(Config config) {
    return SimModel.open(config, SimOptions.from(config));
  }

  /** The {@code sim.*} options ({@link SimOptions#from}), and the property engine's replay. */
  @Override
  public List<ModelOption> options() {
    return List.of(
        new ModelOption("sim.seed", "0", "the schedule's seed (and the property engine's, when"
            + " set)"),
        new ModelOption("sim.schedule", "random", "random (a random walk), pct or pos"
            + " (partial-order sampling)"),
        new ModelOption("sim.pctDepth", "3", "PCT's depth"),
        new ModelOption("sim.maxSteps", "10000000", "scheduling points before a livelock is"
            + " reported"),
        new ModelOption("sim.clockTick", "0", "virtual time each clock read by a running task"
            + " costs, in ns"),
        new ModelOption("sim.stallTimeout", "10000", "wall time a task may hold the turn without"
            + " calling into the model before it is reported as escaped, in ms"),
        new ModelOption("sim.carrier", "default", "default: the JDK's virtual-thread scheduler;"
            + " own: one carrier thread of the model's own (needs --add-opens"
            + " java.base/java.lang=ALL-UNNAMED)"),
        new ModelOption("sim.replay", "none", "read by the property engine, not the model:"
            + " name@choices runs that one example of the property of that name"));
  }
}
