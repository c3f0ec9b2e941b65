/**
 * execmodels core: the user face ({@link io.execmodels.core.Ctx} and friends) and the provider
 * face ({@link io.execmodels.core.spi.Scheduler}). Implementation classes live in
 * {@code io.execmodels.core.internal}, which this module does not export.
 */
module io.execmodels.core {
  requires transitive com.google.common;
  requires static reactor.core;

  exports io.execmodels.core;
  exports io.execmodels.core.spi;

  uses io.execmodels.core.spi.ExecutionModelProvider;
}
