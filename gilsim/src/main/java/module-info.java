/**
 * CPython's concurrency for execmodels: the {@code gil-threads} model (threads under a GIL, with
 * {@code threading} and {@code queue}), the {@code asyncio} model, and {@code concurrent.futures}.
 */
module io.execmodels.gilsim {
  requires transitive io.execmodels.core;
  requires transitive io.execmodels.multiprocess;

  exports io.execmodels.gilsim;
  exports io.execmodels.gilsim.asyncio;
  exports io.execmodels.gilsim.futures;
  exports io.execmodels.gilsim.queue;
  exports io.execmodels.gilsim.threading;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.gilsim.GilThreadsModelProvider,
          io.execmodels.gilsim.asyncio.AsyncioModelProvider;
}
