package io.execmodels.gilsim.asyncio;

import io.execmodels.testkit.tck.ExecutionModelTck;

/** The TCK's rules, on the {@code asyncio} model. */
class AsyncioTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return AsyncioModelProvider.NAME;
  }
}
