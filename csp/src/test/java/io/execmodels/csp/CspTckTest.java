package io.execmodels.csp;

import io.execmodels.testkit.tck.ExecutionModelTck;

/** The TCK's rules, on the {@code csp} model. */
class CspTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return CspModelProvider.NAME;
  }
}
