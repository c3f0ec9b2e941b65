package io.execmodels.multiprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The socket directories of starts in progress, deleted by a shutdown hook if the JVM exits in the
 * middle of one (a daemon launcher thread does not get to run its {@code finally}). A JVM killed
 * outright can still leave one, for as long as a start lasts. Thread-safe.
 */
final class Leftovers {
  private static final Map<Path, Path> DIRS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Map.Entry<Path, Path> e : DIRS.entrySet()) {
        try {
          Files.deleteIfExists(e.getValue());
          Files.deleteIfExists(e.getKey());
        } catch (IOException ignored) {
          // The JVM is exiting: nowhere left to report it.
        }
      }
    }, "execmodels-pool-cleanup"));
  }

  private Leftovers() {}

  /** Records {@code dir} and its {@code socket} until {@link #forget}. */
  static void register(Path dir, Path socket) {
    DIRS.put(dir, socket);
  }

  /** The start that made {@code dir} has deleted it (or {@code dir} is null). */
  static void forget(Path dir) {
    if (dir != null) {
      DIRS.remove(dir);
    }
  }
}
