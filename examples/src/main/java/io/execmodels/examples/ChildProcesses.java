package io.execmodels.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which child processes of this JVM belong to which model, and their peak memory. A model's
 * children are the descendants that first appear after one of its runs ({@link #attribute}):
 * the shootout runs one model at a time, so a process that was not there before a run is that
 * model's (a process pool's workers, started lazily at its first CPU job). Their peak is the
 * kernel's high-water mark of resident memory ({@code VmHWM} in {@code /proc/<pid>/status}),
 * since each started; where {@code /proc} is absent (not Linux) it is unknown.
 *
 * <p>Thread-safe: every method is synchronized.
 */
final class ChildProcesses {
  private final Set<Long> seen = new HashSet<>();
  private final Map<String, Set<Long>> byModel = new LinkedHashMap<>();

  /** Takes the descendants alive now as belonging to nobody (a build tool's, the originals'). */
  ChildProcesses() {
    ProcessHandle.current().descendants().forEach(p -> seen.add(p.pid()));
  }

  /** Gives {@code model} every descendant alive now and not seen before. */
  synchronized void attribute(String model) {
    ProcessHandle.current().descendants().forEach(p -> {
      if (seen.add(p.pid())) {
        byModel.computeIfAbsent(model, m -> new HashSet<>()).add(p.pid());
      }
    });
  }

  /**
   * A model's child processes.
   *
   * @param processes how many it has had
   * @param peakBytes the sum of their peaks of resident memory, in bytes; -1 if unknown
   */
  record Usage(int processes, long peakBytes) {}

  /** Every model that has had children, with their usage now; taken before the models close. */
  synchronized Map<String, Usage> usage() {
    Map<String, Usage> out = new LinkedHashMap<>();
    for (var e : byModel.entrySet()) {
      out.put(e.getKey(), new Usage(e.getValue().size(), peakBytes(e.getKey())));
    }
    return out;
  }

  /**
   * The sum of the peak resident memory of {@code model}'s children still alive, in bytes: 0 if
   * it has none, -1 if a child's peak cannot be read (no {@code /proc}).
   */
  private long peakBytes(String model) {
    long sum = 0;
    for (long pid : byModel.getOrDefault(model, Set.of())) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        long kb = highWaterKb(pid);
        if (kb < 0) {
          return -1;
        }
        sum += kb * 1024;
      }
    }
    return sum;
  }

  /** {@code VmHWM} of {@code pid} in kB, or -1 if it cannot be read. */
  private static long highWaterKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").trim());
        }
      }
      return -1;
    } catch (IOException | NumberFormatException e) {
      return -1; // not Linux, or the process ended between the check and the read
    }
  }
}
