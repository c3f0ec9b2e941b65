package io.execmodels.bench.cluster;

import io.execmodels.eventloop.cluster.ClusterSettings;
import java.util.List;

/**
 * The worker JVM options a benchmark run picks with {@code WORKER_JIT}: {@code c1} is {@link
 * ClusterSettings#WORKER_JVM_OPTIONS} as they are (C1 only: quick start, slower code); {@code c2}
 * the same without {@code -XX:TieredStopAtLevel=1} (tiered up to C2: slower to warm, faster
 * once warm).
 */
final class WorkerJit {

  private WorkerJit() {}

  /** The options for {@code WORKER_JIT} (default {@code c1}, the library's default). */
  static List<String> options() {
    String jit = System.getenv().getOrDefault("WORKER_JIT", "c1");
    return switch (jit) {
      case "c1" -> ClusterSettings.WORKER_JVM_OPTIONS;
      case "c2" -> ClusterSettings.WORKER_JVM_OPTIONS.stream()
          .filter(o -> !o.startsWith("-XX:TieredStopAtLevel")).toList();
      default -> throw new IllegalArgumentException("WORKER_JIT is c1 or c2, not " + jit);
    };
  }
}
