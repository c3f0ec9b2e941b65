/**
 * Node's {@code cluster} for execmodels: a primary that forks event-loop workers in child JVMs,
 * shares a port with them and supervises them, and the {@code cluster} model of core's SPI.
 */
module io.execmodels.eventloop.cluster {
  requires transitive io.execmodels.eventloop;
  requires transitive io.execmodels.multiprocess;

  exports io.execmodels.eventloop.cluster;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.eventloop.cluster.ClusterModelProvider;
}
