package io.execmodels.testkit.sim;

/** The TCK's rules under the {@code sim:eventloop} profile, with another random schedule. */
class SimEventloopTckTest extends SimTckTest {

  @Override
  protected String modelName() {
    return "sim:eventloop";
  }

  @Override
  protected long seed() {
    return 2;
  }
}
