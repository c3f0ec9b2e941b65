package io.execmodels.bench.bugs;

import io.execmodels.testkit.prop.Property;

/**
 * The fewest context switches that make a program of the benchmark fail, found by brute force:
 * every random-walk schedule with 0, then 1, 2... switches (a non-zero choice at some of the first
 * {@code positions} decisions, each to one of the next {@code values} tasks) is replayed until one
 * fails. A reference for the shrinker, whose schedules should come within a few switches of it.
 */
final class ShortestTrigger {
  private ShortestTrigger() {}

  /**
   * The fewest switches that trigger {@code bug}, or -1 if none up to {@code maxSwitches} does.
   *
   * @param positions how many of a run's first decisions may switch
   * @param values the largest choice tried at a switch (1: the next task in line)
   */
  static int of(Bug bug, int maxSwitches, int positions, int values) {
    Property<Void> p = Property.of(bug.name(), bug.program()).withRandomWalk();
    for (int k = 0; k <= maxSwitches; k++) {
      if (search(p, new long[positions], 0, k, values)) {
        return k;
      }
    }
    return -1;
  }

  /** Whether some way to place {@code left} more switches at or after {@code from} fails. */
  private static boolean search(Property<Void> p, long[] choices, int from, int left,
      int values) {
    if (left == 0) {
      return fails(p, choices);
    }
    for (int i = from; i <= choices.length - left; i++) {
      for (int v = 1; v <= values; v++) {
        choices[i] = v;
        boolean failed = search(p, choices, i + 1, left - 1, values);
        choices[i] = 0;
        if (failed) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean fails(Property<Void> p, long[] choices) {
    StringBuilder line = new StringBuilder(p.name()).append('@');
    for (int i = 0; i < choices.length; i++) {
      line.append(i == 0 ? "" : ".").append(choices[i]);
    }
    return p.replay(line.toString()).counterexample().isPresent();
  }
}
