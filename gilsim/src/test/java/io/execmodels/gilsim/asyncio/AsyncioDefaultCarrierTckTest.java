package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Config;
import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules, on the {@code asyncio} model on the default virtual-thread scheduler: the path
 * a JVM without carrier control takes, kept tested beside {@link AsyncioTckTest}, which runs on
 * the loop's own carrier (the tests open {@code java.lang}).
 */
class AsyncioDefaultCarrierTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return AsyncioModelProvider.NAME;
  }

  @Override
  protected Config config() {
    return super.config().withOption("asyncio.carrier", "default");
  }
}
