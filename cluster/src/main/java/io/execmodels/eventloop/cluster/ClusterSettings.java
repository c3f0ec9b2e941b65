package io.execmodels.eventloop.cluster;

import io.execmodels.multiprocess.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Cluster} starts its workers (Node's {@code cluster.setupPrimary}): the entry point
 * each worker runs, its arguments, and the process options (JVM options, allow-list of message
 * classes, frame and decode limits, start timeout) of multiprocess. Immutable.
 *
 * @param entryClass the class whose {@code main} each worker runs
 * @param args the arguments it gets
 * @param process the child JVMs' options; its worker count is not used
 * @param disconnectGrace how long {@link Cluster#close()} lets workers finish after asking them
 *     to disconnect, before it kills them
 * @param restart when a worker that crashed is replaced
 * @param rollStepTimeout how long each step of a {@linkplain Cluster#rollingRestart() rolling
 *     restart} waits for the replacement to listen (or come online), and then for the worker it
 *     replaces to exit, before it gives the replacement up or kills the old worker
 */
public record ClusterSettings(String entryClass, List<String> args, PoolOptions process,
    Duration disconnectGrace, RestartPolicy restart, Duration rollStepTimeout) {

  /** The default {@link #rollStepTimeout()}: a worker JVM starts in well under a second. */
  public static final Duration DEFAULT_ROLL_STEP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * JVM options for a worker: small heap, quick start (C1 only), class-data sharing if it can,
   * and multiprocess's defaults (serial collector, no perf-data file).
   */
  public static final List<String> WORKER_JVM_OPTIONS = List.of("-XX:+UseSerialGC",
      "-XX:-UsePerfData", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  /** Checks and copies. */
  public ClusterSettings {
    Objects.requireNonNull(entryClass, "entryClass");
    args = List.copyOf(args);
    Objects.requireNonNull(process, "process");
    if (disconnectGrace.isNegative()) {
      throw new IllegalArgumentException("disconnectGrace is negative: " + disconnectGrace);
    }
    Objects.requireNonNull(restart, "restart");
    if (rollStepTimeout.isNegative() || rollStepTimeout.isZero()) {
      throw new IllegalArgumentException("rollStepTimeout is not positive: " + rollStepTimeout);
    }
  }

  /**
   * Settings with the {@link #DEFAULT_ROLL_STEP_TIMEOUT}.
   *
   * @param entryClass the class whose {@code main} each worker runs
   * @param args the arguments it gets
   * @param process the child JVMs' options; its worker count is not used
   * @param disconnectGrace how long {@link Cluster#close()} lets workers finish
   * @param restart when a worker that crashed is replaced
   */
  public ClusterSettings(String entryClass, List<String> args, PoolOptions process,
      Duration disconnectGrace, RestartPolicy restart) {
    this(entryClass, args, process, disconnectGrace, restart, DEFAULT_ROLL_STEP_TIMEOUT);
  }

  /**
   * Workers running {@code entry}'s {@code main} with {@code args}, {@link #WORKER_JVM_OPTIONS},
   * multiprocess's default allow-list (which takes {@code java.lang}, {@code java.util}, {@code
   * java.time} values and this library's classes), a 5 s disconnect grace, no restart
   * ({@link RestartPolicy#never()}, as in Node) and the {@link #DEFAULT_ROLL_STEP_TIMEOUT}.
   *
   * @param entry the class whose {@code main} each worker runs (in Node, the primary's own
   *     script; here often the primary's own main class, which branches on {@link
   *     Cluster#isWorker()})
   * @param args the arguments each worker's {@code main} gets
   * @return the settings
   */
  public static ClusterSettings of(Class<?> entry, String... args) {
    return new ClusterSettings(entry.getName(), List.of(args),
        PoolOptions.defaults().withJvmOptions(WORKER_JVM_OPTIONS), Duration.ofSeconds(5),
        RestartPolicy.never(), DEFAULT_ROLL_STEP_TIMEOUT);
  }

  /**
   * These settings with another restart policy.
   *
   * @param policy when a crashed worker is replaced
   * @return new settings
   */
  public ClusterSettings withRestart(RestartPolicy policy) {
    return new ClusterSettings(entryClass, args, process, disconnectGrace, policy,
        rollStepTimeout);
  }

  /**
   * These settings with other process options (say, {@code process().allow("com.acme.**")}).
   *
   * @param options the child JVMs' options, allow-list and limits
   * @return new settings
   */
  public ClusterSettings withProcess(PoolOptions options) {
    return new ClusterSettings(entryClass, args, options, disconnectGrace, restart,
        rollStepTimeout);
  }

  /**
   * These settings with another disconnect grace.
   *
   * @param grace how long {@link Cluster#close()} lets workers finish; not negative
   * @return new settings
   */
  public ClusterSettings withDisconnectGrace(Duration grace) {
    return new ClusterSettings(entryClass, args, process, grace, restart, rollStepTimeout);
  }

  /**
   * These settings with another rolling-restart step timeout.
   *
   * @param timeout how long each step of a rolling restart waits; positive
   * @return new settings
   */
  public ClusterSettings withRollStepTimeout(Duration timeout) {
    return new ClusterSettings(entryClass, args, process, disconnectGrace, restart, timeout);
  }
}
