package io.execmodels.examples;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The CPU time this JVM and its child processes (a process pool's worker JVMs) have used so far:
 * the difference of two readings is what a run cost in CPU, wherever it ran. Children that ended
 * between the readings are not counted (the JDK cannot read a reaped process's time), which a
 * model that keeps its workers, as every model here does, never meets.
 */
final class CpuClock {
  private CpuClock() {}

  /** The CPU time used so far by this JVM and its live descendants. */
  static Duration now() {
    long nanos = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      nanos = Math.max(0, os.getProcessCpuTime());
    }
    long children = ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
    return Duration.ofNanos(nanos + children);
  }
}
