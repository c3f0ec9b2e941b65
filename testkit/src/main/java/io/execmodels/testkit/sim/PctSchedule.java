package io.execmodels.testkit.sim;

import java.util.Arrays;

/**
 * {@link Schedule#pct}: initial priorities are at least {@code depth}, and the {@code i}-th
 * priority change point lowers the running task to {@code i}, below every initial one.
 */
final class PctSchedule implements Schedule {
  private final Choices choices;
  private final long[] changePoints;
  private long[] priorities = new long[16];
  private int known;

  PctSchedule(Choices choices, int depth, long expectedSteps) {
    if (depth < 1) {
      throw new IllegalArgumentException("PCT depth must be at least 1, was " + depth);
    }
    if (expectedSteps < 1) {
      throw new IllegalArgumentException("PCT expected steps must be at least 1, was "
          + expectedSteps);
    }
    this.choices = choices;
    changePoints = new long[depth - 1];
    for (int i = 0; i < changePoints.length; i++) {
      changePoints[i] = choices.next(expectedSteps);
    }
  }

  private long priority(int task) {
    if (task >= priorities.length) {
      priorities = Arrays.copyOf(priorities, Math.max(task + 1, priorities.length * 2));
    }
    while (known <= task) {
      // Lower draws mean higher priority, so the simplest choices (0s) run tasks in id order.
      priorities[known++] = Long.MAX_VALUE - choices.next(1L << 40);
    }
    return priorities[task];
  }

  @Override
  public int pick(int[] candidates, int count, boolean runningFirst, long step) {
    if (runningFirst) {
      for (int i = 0; i < changePoints.length; i++) {
        if (changePoints[i] == step) {
          priority(candidates[0]);
          priorities[candidates[0]] = i + 1;
        }
      }
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
    return best;
  }

  @Override
  public long draw(long bound) {
    return choices.next(bound);
  }

  @Override
  public String toString() {
    return "PCT depth " + (changePoints.length + 1);
  }
}
