package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Config;
import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules, on the {@code asyncio} model on the loop's own carrier (refused at open if the
 * JVM does not allow it: the build opens {@code java.lang} to the tests).
 */
class AsyncioTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return AsyncioModelProvider.NAME;
  }

  @Override
  protected Config config() {
    return super.config().withOption("asyncio.carrier", "own");
  }
}
