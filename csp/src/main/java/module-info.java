/** Go's concurrency model for execmodels: goroutines on virtual threads. */
module io.execmodels.csp {
  requires transitive io.execmodels.core;

  exports io.execmodels.csp;

  provides io.execmodels.core.spi.ExecutionModelProvider with io.execmodels.csp.CspModelProvider;
}
