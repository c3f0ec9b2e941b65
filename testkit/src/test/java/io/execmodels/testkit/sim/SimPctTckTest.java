package io.execmodels.testkit.sim;

import io.execmodels.core.Config;

/** The TCK's rules under the {@code sim:gil-threads} profile, with PCT schedules. */
class SimPctTckTest extends SimTckTest {

  @Override
  protected String modelName() {
    return "sim:gil-threads";
  }

  @Override
  protected Config config() {
    return super.config().withOption("sim.schedule", "pct");
  }

  @Override
  protected long seed() {
    return 3;
  }
}
