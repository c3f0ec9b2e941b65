/**
 * Child JVMs for execmodels: {@code WorkerPool} (Python's process pools) and the {@code
 * process-pool} model. The wire format and the children's main class are in {@code
 * io.execmodels.multiprocess.internal}, which is exported to {@code io.execmodels.grid} alone (its
 * jobs cross a Hazelcast cluster with the same codecs); children run on the class path.
 */
// "module": the qualified export below names grid, which is built after this module.
@SuppressWarnings("module")
module io.execmodels.multiprocess {
  requires transitive io.execmodels.core;

  exports io.execmodels.multiprocess;
  // The wire's codecs, for grid's jobs alone: the same allow-list and graph limits on a cluster.
  exports io.execmodels.multiprocess.internal to io.execmodels.grid;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.multiprocess.ProcessPoolModelProvider;
}
