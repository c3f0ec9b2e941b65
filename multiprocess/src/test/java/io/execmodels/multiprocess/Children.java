package io.execmodels.multiprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Facts about processes by pid, for tests that check what a pool leaves behind, and the failures
 * those tests wait for.
 */
final class Children {

  private Children() {}

  /**
   * Whether {@code pid} has ended: gone, or a zombie (ended, waiting for a reaper that is not us:
   * an orphan's reaper is the system's).
   */
  static boolean ended(long pid) {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return true;
    }
  }

  /** Waits up to {@code limit} for {@code pid} to end; whether it did. */
  static boolean awaitEnded(long pid, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!ended(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Waits up to {@code limit} for {@code file} to exist; whether it did. */
  static boolean awaitFile(Path file, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** The failure {@code f} completes with, waiting up to a minute; an error if it succeeds. */
  static Throwable failureOf(CompletableFuture<?> f) throws Exception {
    try {
      f.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the future succeeded: " + f);
  }
}
