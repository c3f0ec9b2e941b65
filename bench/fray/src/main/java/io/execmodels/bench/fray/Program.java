package io.execmodels.bench.fray;

/**
 * One program of the benchmark in plain-thread Java.
 *
 * @param name the name of the same program in execmodels' {@code io.execmodels.bench.bugs}
 *     benchmark, which the comparison joins on
 * @param body the program; it throws an {@link AssertionError} (in the main thread or in one it
 *     started) or deadlocks when the bug shows
 */
public record Program(String name, Body body) {

  /** A program's body: it starts threads and joins them, so it may be interrupted. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs the program once.
     *
     * @throws InterruptedException if a join is interrupted
     */
    void run() throws InterruptedException;
  }

  @Override
  public String toString() {
    return name;
  }
}
