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
  // The JDK modules Hazelcast's jar uses (jdeps --list-deps): an automatic module reads whatever
  // is resolved but cannot require anything itself, so on the module path nothing would bring
  // these into the graph (a member then fails to start on sun.misc.Unsafe, javax.transaction.xa).
  requires java.desktop;
  requires java.logging;
  requires java.management;
  requires java.naming;
  requires java.net.http;
  requires java.scripting;
  requires java.sql;
  requires java.transaction.xa;
  requires java.xml;
  requires jdk.net;
  requires jdk.unsupported;

  exports io.execmodels.grid;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.grid.GridModelProvider;
}
