package io.execmodels.csp;

import io.execmodels.core.Config;

/**
 * The TCK's rules on {@code csp} with a carrier of its own ({@code csp.carrier=own}), so that path
 * is held to every rule as the JDK scheduler's path is by {@link CspTckTest}.
 */
class CspOwnCarrierTckTest extends CspTckTest {

  @Override
  protected Config config() {
    return super.config().withOption("csp.carrier", "own");
  }
}
