package io.execmodels.testkit.tck;

/**
 * The TCK's rules on the least scheduler there is ({@link MinimalScheduler}), next to core: a
 * change in core is tested here without a model module, and core's side of the SPI contract is
 * checked throughout (the scheduler refuses a second shutdown and a park from a thread not its
 * fiber's).
 */
class MinimalTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return MinimalModelProvider.NAME;
  }
}
