package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules, on the {@code eventloop} model on the loop's own carrier (refused at open if
 * the JVM does not allow it: the build opens {@code java.lang} to the tests).
 */
class EventLoopTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return EventLoopModelProvider.NAME;
  }

  @Override
  protected Config config() {
    return super.config().withOption(LoopOptions.CARRIER, "own");
  }
}
