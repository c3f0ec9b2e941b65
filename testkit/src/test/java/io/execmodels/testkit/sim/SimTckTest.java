package io.execmodels.testkit.sim;

import io.execmodels.core.Config;
import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules under the simulation, with a random schedule. One rule spins on the clock between
 * suspension points (a timeout must expire while code computes), which virtual time only allows
 * if reading the clock costs a tick. {@code -Dexecmodels.tck.simSeed=<n>} shifts the seeds of this
 * class and its subclasses, so a loop over it runs the TCK under many schedules.
 */
class SimTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return "sim";
  }

  @Override
  protected Config config() {
    long seed = seed() + Long.getLong("execmodels.tck.simSeed", 0);
    return super.config().withOption("sim.clockTick", "1000")
        .withOption("sim.seed", Long.toString(seed));
  }

  /** The schedule's seed; subclasses explore other schedules. */
  protected long seed() {
    return 1;
  }
}
