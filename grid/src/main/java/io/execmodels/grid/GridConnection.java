package io.execmodels.grid;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.execmodels.multiprocess.internal.Payloads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This JVM's place in a Hazelcast cluster: an embedded member, or a client of the configured
 * members, and the executor service jobs are submitted to. Started by {@link #start}, which blocks
 * until the member has formed or joined its cluster, or the client has connected (at most {@code
 * grid.connectTimeout}). Thread-safe; {@link #close} once.
 */
final class GridConnection {

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final HazelcastInstance instance;
  private final String instanceName;
  private final IExecutorService executor;

  private GridConnection(HazelcastInstance instance, String instanceName) {
    this.instance = instance;
    this.instanceName = instanceName;
    this.executor = instance.getExecutorService(GridOptions.EXECUTOR);
  }

  /**
   * A fresh Hazelcast instance name, unique in this JVM and among JVMs on this machine: its
   * threads are {@code hz.<name>.*}, which {@link #close} waits for.
   */
  static String freshInstanceName() {
    return "execmodels-grid-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
  }

  /**
   * Starts a member (if {@code o.embedded()}) or a client of {@code clusterName}; a member reads
   * jobs with {@code payloads}.
   */
  static GridConnection start(GridOptions o, String clusterName, Payloads payloads) {
    String name = freshInstanceName();
    if (o.embedded()) {
      return new GridConnection(Hazelcast.newHazelcastInstance(
          MemberConfigs.member(o, clusterName, name, payloads)), name);
    }
    try {
      return new GridConnection(HazelcastClient.newHazelcastClient(
          MemberConfigs.client(o, clusterName, name)), name);
    } catch (IllegalStateException e) {
      // Hazelcast's own words are "Unable to connect to any cluster": say which, and what to do.
      throw new IllegalStateException("no member of cluster " + clusterName + " at "
          + String.join(", ", o.members()) + " could be reached within grid.connectTimeout ("
          + o.connectTimeout() + "); are the members up (io.execmodels.grid.GridMember), with"
          + " that grid.clusterName, and reachable from here? (" + e.getMessage() + ")", e);
    }
  }

  /** The executor service every member configures. */
  IExecutorService executor() {
    return executor;
  }

  /** The members that run jobs now (lite members run none), in the cluster's order. */
  List<Member> members() {
    List<Member> data = new ArrayList<>();
    for (Member m : instance.getCluster().getMembers()) {
      if (!m.isLiteMember()) {
        data.add(m);
      }
    }
    return data;
  }

  /**
   * Shuts the member or client down and waits, until {@code deadlineNanos} ({@link
   * System#nanoTime()}), for each of its threads to end; a member still up at the deadline is
   * terminated (no graceful hand-over). Answers whether every thread ended.
   */
  boolean close(long deadlineNanos) throws InterruptedException {
    // Graceful: a member of a larger cluster hands its (empty) partitions over first, bounded by
    // hazelcast.graceful.shutdown.max.wait (MemberConfigs).
    instance.shutdown();
    String prefix = "hz." + instanceName + ".";
    while (true) {
      Thread left = null;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith(prefix)) {
          left = t;
          break;
        }
      }
      if (left == null) {
        return true;
      }
      long wait = deadlineNanos - System.nanoTime();
      if (wait <= 0) {
        instance.getLifecycleService().terminate();
        return false;
      }
      left.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
    }
  }
}
