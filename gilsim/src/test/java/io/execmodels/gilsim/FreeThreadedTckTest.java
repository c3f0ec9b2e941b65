package io.execmodels.gilsim;

import io.execmodels.core.Config;
import io.execmodels.testkit.tck.ExecutionModelTck;

/** The TCK's rules, on {@code gil-threads} without a GIL (CPython 3.13's free threading). */
class FreeThreadedTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return GilThreadsModelProvider.NAME;
  }

  @Override
  protected Config config() {
    return super.config().withOption("gil.enabled", "false");
  }
}
