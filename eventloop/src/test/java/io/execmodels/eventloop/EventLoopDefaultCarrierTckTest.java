package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules, on the {@code eventloop} model on the default virtual-thread scheduler: the
 * path a JVM without carrier control takes, kept tested beside {@link EventLoopTckTest}.
 */
class EventLoopDefaultCarrierTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return EventLoopModelProvider.NAME;
  }

  @Override
  protected Config config() {
    return super.config().withOption(LoopOptions.CARRIER, "default");
  }
}
