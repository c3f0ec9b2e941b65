/**
 * execmodels testkit: the TCK every model runs against itself, the deterministic simulation model
 * ({@code sim}, {@code sim:eventloop}, {@code sim:asyncio}, {@code sim:gil-threads}, {@code
 * sim:csp}) and its property engine.
 */
module io.execmodels.testkit {
  requires transitive io.execmodels.core;
  // Static: the TCK and the JUnit glue need them, the simulation and the property engine do not.
  requires static transitive org.junit.jupiter.api;
  requires static transitive org.junit.jupiter.params;
  requires static org.assertj.core;
  requires java.logging;

  exports io.execmodels.testkit.tck;
  exports io.execmodels.testkit.sim;
  exports io.execmodels.testkit.prop;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.testkit.sim.SimModelProvider;

  opens io.execmodels.testkit.tck to org.junit.platform.commons;
}
