package io.execmodels.grid;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.execmodels.multiprocess.internal.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A standalone member of a {@code grid} cluster, for a second terminal or a second machine: it runs
 * the jobs the {@code grid} model sends, with the model's configuration keys. Run it with the
 * jobs' classes on its class path:
 *
 * <pre>{@code
 * java -cp <your classes and execmodels-grid's jars> io.execmodels.grid.GridMember \
 *     grid.port=5701 grid.members=127.0.0.1:5701,127.0.0.1:5702
 * }</pre>
 *
 * <p>Each argument is a {@code grid.<key>=<value>} pair, and a system property {@code
 * -Dexecmodels.grid.<key>=<value>} is read the same way (an argument wins): {@code
 * grid.clusterName} (default {@code execmodels-grid}), {@code grid.members} (the addresses to
 * join; none to start alone), {@code grid.port} (the first port tried, default 5701), {@code
 * grid.interface} (the address bound, default 127.0.0.1), {@code grid.allow} (the classes a job may
 * carry beyond the default allow-list) and {@code grid.workersPerMember} (jobs run at once,
 * default the CPUs). Once the member is up it prints one line to standard output, {@code grid
 * member <address> of cluster <name> is up}; Hazelcast logs to standard error. It runs until the
 * JVM is stopped (a SIGTERM shuts the member down gracefully), or, given {@code
 * --until-stdin-closes}, until its standard input ends (so that a parent that starts it and dies
 * leaves no member behind).
 */
public final class GridMember {

  private GridMember() {}

  /**
   * Starts a member and returns once it is up; it keeps the JVM alive.
   *
   * @param args {@code grid.<key>=<value>} pairs, and optionally {@code --until-stdin-closes}
   * @throws IllegalArgumentException naming the argument or option, if one is malformed
   */
  public static void main(String[] args) {
    Map<String, String> given = new HashMap<>();
    boolean untilStdinCloses = false;
    for (String a : args) {
      if (a.equals("--until-stdin-closes")) {
        untilStdinCloses = true;
        continue;
      }
      int eq = a.indexOf('=');
      if (!a.startsWith(GridOptions.NS + ".") || eq < 0) {
        throw new IllegalArgumentException("GridMember takes grid.<key>=<value> arguments and"
            + " --until-stdin-closes, was '" + a + "'");
      }
      given.put(a.substring(0, eq), a.substring(eq + 1));
    }
    GridOptions o = GridOptions.parse(k -> Optional.ofNullable(given.get(k))
            .or(() -> Optional.ofNullable(System.getProperty("execmodels." + k))),
        Runtime.getRuntime().availableProcessors());
    String cluster = o.clusterName().isEmpty() ? GridOptions.DEFAULT_CLUSTER : o.clusterName();
    HazelcastInstance member = Hazelcast.newHazelcastInstance(MemberConfigs.member(o, cluster,
        GridConnection.freshInstanceName(), new Payloads(o.allow())));
    Runtime.getRuntime().addShutdownHook(new Thread(member::shutdown, "grid-member-shutdown"));
    System.out.println("grid member " + member.getCluster().getLocalMember().getAddress()
        + " of cluster " + cluster + " is up");
    System.out.flush();
    if (untilStdinCloses) {
      Thread watcher = new Thread(() -> {
        drain(System.in);
        // Exit runs the shutdown hook, which shuts the member down.
        System.exit(0);
      }, "grid-member-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  /** Reads {@code in} to its end, or to the first error reading it, which counts as its end. */
  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Nothing is expected on it; only its end matters.
      }
    } catch (IOException e) {
      // A broken pipe is the parent gone, as an end is.
    }
  }
}
