package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Schedule;
import java.util.Arrays;

/**
 * Runs a search's schedule and writes down what it decided in the random walk's encoding: each
 * pick as the index it chose, each draw as its value. Replayed through {@link Schedule#walk}, that
 * sequence gives the same run; so an example found by PCT or POS is shrunk and replayed as a walk,
 * where 0 keeps the running task and the shrinker's "smaller" means fewer context switches.
 */
final class WalkRecording implements Schedule {
  private final Schedule search;
  private long[] decisions = new long[64];
  private int size;

  WalkRecording(Schedule search) {
    this.search = search;
  }

  @Override
  public int pick(int[] candidates, int count, boolean runningFirst, long step) {
    int c = search.pick(candidates, count, runningFirst, step);
    add(c);
    return c;
  }

  @Override
  public long draw(long bound) {
    long v = search.draw(bound);
    add(v);
    return v;
  }

  private void add(long v) {
    if (size == decisions.length) {
      decisions = Arrays.copyOf(decisions, size * 2);
    }
    decisions[size++] = v;
  }

  /** {@code input}, then the decisions so far: the example's choices in the walk's encoding. */
  long[] after(long[] input) {
    long[] all = Arrays.copyOf(input, input.length + size);
    System.arraycopy(decisions, 0, all, input.length, size);
    return all;
  }

  @Override
  public String toString() {
    return search.toString();
  }
}
