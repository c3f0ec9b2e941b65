package io.execmodels.gilsim;

import io.execmodels.testkit.tck.ExecutionModelTck;

/** The TCK's rules, on the {@code gil-threads} model. */
class GilThreadsTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return GilThreadsModelProvider.NAME;
  }
}
