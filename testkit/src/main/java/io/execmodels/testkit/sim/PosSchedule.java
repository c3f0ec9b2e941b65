package io.execmodels.testkit.sim;

import java.util.Arrays;

/**
 * {@link Schedule#pos}: partial-order sampling in its basic form (Yuan, Yang and Gu, CAV 2018).
 * Every task's next step carries a random priority and the candidate with the highest runs; once
 * a task has run its step, its next step draws a new priority, while the waiting tasks keep
 * theirs. So a task that drew low waits through many steps of the others and then runs at a
 * random point of theirs: the spread of interleavings is closer to uniform over partial orders
 * than a random walk's, which switches at every point with the same probability.
 *
 * <p>The published algorithm also redraws the priorities of the steps that race with the one
 * that ran; a schedule here sees task ids, not what their next steps touch, so it does not (a
 * refinement the benchmark may show is needed). As in {@link PctSchedule}, a lower draw means a
 * higher priority, ties go to the first candidate (the running task), so all-zero choices keep the
 * running task, the simplest schedule.
 */
final class PosSchedule implements Schedule {
  private final Choices choices;
  private long[] priorities = new long[16];
  private boolean[] drawn = new boolean[16];
  /** The task the last pick chose, or -1 before the first. */
  private int lastPicked = -1;

  PosSchedule(Choices choices) {
    this.choices = choices;
  }

  private long priority(int task) {
    grow(task);
    if (!drawn[task]) {
      redraw(task);
    }
    return priorities[task];
  }

  private void redraw(int task) {
    grow(task);
    priorities[task] = Long.MAX_VALUE - choices.next(1L << 40);
    drawn[task] = true;
  }

  private void grow(int task) {
    if (task >= priorities.length) {
      int n = Math.max(task + 1, priorities.length * 2);
      priorities = Arrays.copyOf(priorities, n);
      drawn = Arrays.copyOf(drawn, n);
    }
  }

  @Override
  public int pick(int[] candidates, int count, boolean runningFirst, long step) {
    // The task picked last time, and the one running now (it may have run without a pick, as the
    // only candidate), have taken steps since: their next steps draw afresh.
    if (lastPicked >= 0) {
      redraw(lastPicked);
    }
    if (runningFirst && candidates[0] != lastPicked) {
      redraw(candidates[0]);
    }
    int best = 0;
    long bestPriority = priority(candidates[0]);
    for (int i = 1; i < count; i++) {
      long p = priority(candidates[i]);
      if (p > bestPriority) {
        best = i;
        bestPriority = p;
      }
    }
    lastPicked = candidates[best];
    return best;
  }

  @Override
  public long draw(long bound) {
    return choices.next(bound);
  }

  @Override
  public String toString() {
    return "POS";
  }
}
