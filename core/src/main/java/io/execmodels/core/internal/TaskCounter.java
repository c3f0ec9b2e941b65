package io.execmodels.core.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A count that tasks add to from many carriers at once and that is read rarely ({@code stats()}):
 * spawned, succeeded, parked... Striped by task id, each stripe on its own cache line.
 *
 * <p>Why not a {@link java.util.concurrent.atomic.LongAdder}: it stripes by the calling thread's
 * random probe, and every task runs on a fresh virtual thread whose probe is not yet set, so under
 * contention each task first lands on the same cell and then pays to initialise its probe (two
 * more atomics on JDK-wide counters) before it finds a cell of its own. A task's id is spread
 * already: consecutive tasks, which tend to run at the same time, take the stripes in turn.
 *
 * <p>Thread-safe. {@link #sum} is exact when no add is in progress, and otherwise lies between
 * the sums before and after the adds in progress.
 */
final class TaskCounter {
  /** Longs from one stripe to the next: 128 bytes, two cache lines (adjacent-line prefetch). */
  private static final int SPACING = 16;
  private static final int STRIPES =
      Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;

  private final AtomicLongArray cells = new AtomicLongArray(STRIPES * SPACING);

  /** Adds {@code delta} on behalf of the task {@code taskId}. */
  void add(long taskId, long delta) {
    cells.getAndAdd(((int) taskId & (STRIPES - 1)) * SPACING, delta);
  }

  long sum() {
    long sum = 0;
    for (int i = 0; i < STRIPES; i++) {
      sum += cells.get(i * SPACING);
    }
    return sum;
  }
}
