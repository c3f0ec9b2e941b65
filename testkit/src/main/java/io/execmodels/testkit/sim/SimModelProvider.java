package io.execmodels.testkit.sim;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
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
}
