package io.execmodels.testkit.sim;

import io.execmodels.core.Config;

/**
 * The TCK's rules under the simulation on a carrier of its own ({@code sim.carrier=own}), so the
 * carrier path is held to every rule as the JDK scheduler's path is by {@link SimTckTest}.
 */
class SimOwnCarrierTckTest extends SimTckTest {

  @Override
  protected Config config() {
    return super.config().withOption("sim.carrier", "own");
  }

  @Override
  protected long seed() {
    return 5;
  }
}
