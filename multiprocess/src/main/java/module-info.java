/**
 * Child JVMs for execmodels: {@code WorkerPool} (Python's process pools) and the {@code
 * process-pool} model. The wire format and the children's main class are in {@code
 * io.execmodels.multiprocess.internal}, which is not exported; children run on the class path.
 */
module io.execmodels.multiprocess {
  requires transitive io.execmodels.core;

  exports io.execmodels.multiprocess;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.multiprocess.ProcessPoolModelProvider;
}
