package io.execmodels.eventloop;

import io.execmodels.testkit.tck.ExecutionModelTck;

/** The TCK's rules, on the {@code eventloop} model. */
class EventLoopTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return EventLoopModelProvider.NAME;
  }
}
