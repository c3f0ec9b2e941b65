/**
 * The {@code grid} model for execmodels: {@code compute} jobs on the members of a Hazelcast
 * cluster, behind multiprocess's allow-list and graph limits, and a standalone member's main.
 */
module io.execmodels.grid {
  requires transitive io.execmodels.core;
  // Transitive: a job's failure may come back as its RemoteTaskException.
  requires transitive io.execmodels.multiprocess;
  // Hazelcast 5.7's jar is an automatic module of this name (its manifest's Automatic-Module-Name).
  requires com.hazelcast.core;

  exports io.execmodels.grid;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.grid.GridModelProvider;
}
