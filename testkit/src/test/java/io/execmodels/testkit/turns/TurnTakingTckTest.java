package io.execmodels.testkit.turns;

import io.execmodels.testkit.tck.ExecutionModelTck;

/** The TCK's rules on a model that runs one task at a time, to check the TCK is model-agnostic. */
class TurnTakingTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return TurnTakingModelProvider.NAME;
  }
}
