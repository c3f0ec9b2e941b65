package io.execmodels.testkit.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Decides which task runs at each scheduling point of a simulated run, and what the model's
 * {@link io.execmodels.core.spi.Scheduler#random() random} choices are. A run is a pure function
 * of its program, its input and its schedule's decisions.
 *
 * <p>At a scheduling point the candidates are the tasks able to run, by id (creation order, from
 * 0); if the task that was running can go on, it comes first. A schedule is asked only when there
 * are at least two. Not thread-safe: a simulation asks from one thread at a time.
 */
public interface Schedule {

  /**
   * Picks the task to run next.
   *
   * @param candidates the candidates' task ids; only the first {@code count} are meaningful
   * @param count how many candidates there are, at least 2
   * @param runningFirst whether {@code candidates[0]} is the task that was running
   * @param step the number of scheduling points before this one in the run
   * @return an index into {@code candidates}, below {@code count}
   */
  int pick(int[] candidates, int count, boolean runningFirst, long step);

  /**
   * A value in {@code [0, bound)} for the model's random choices ({@code select}).
   *
   * @param bound the number of options, at least 1
   * @return the value drawn
   */
  long draw(long bound);

  /**
   * Picks uniformly at random among the candidates, from {@code seed}.
   *
   * @param seed the seed; the same one gives the same schedule
   * @return a random schedule
   */
  static Schedule random(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return walk(random::nextLong);
  }

  /**
   * Picks by drawing each decision from {@code choices}: choice 0 keeps the running task.
   *
   * @param choices where each decision is drawn from
   * @return a schedule driven by {@code choices}
   */
  static Schedule walk(Choices choices) {
    return walk(choices, "random walk");
  }

  private static Schedule walk(Choices choices, String label) {
    return new Schedule() {
      @Override
      public int pick(int[] candidates, int count, boolean runningFirst, long step) {
        return (int) choices.next(count);
      }

      @Override
      public long draw(long bound) {
        return choices.next(bound);
      }

      @Override
      public String toString() {
        return label;
      }
    };
  }

  /**
   * Probabilistic concurrency testing (Burckhardt et al., 2010): tasks get random priorities, the
   * highest-priority candidate runs, and at {@code depth - 1} random steps among the first {@code
   * expectedSteps} the running task drops to the lowest priority. Finds a bug of depth {@code d}
   * with probability at least {@code 1 / (n * k^(d-1))} per run, for {@code n} tasks and {@code k}
   * steps; and it switches rarely, so runs are fast and their traces short.
   *
   * @param seed the seed; the same one gives the same schedule
   * @param depth the bug depth to aim at; at least 1
   * @param expectedSteps about how many scheduling decisions a run takes; at least 1
   * @return a PCT schedule
   * @throws IllegalArgumentException if {@code depth} is less than 1 or {@code expectedSteps} less
   *     than 1
   */
  static Schedule pct(long seed, int depth, long expectedSteps) {
    SplittableRandom random = new SplittableRandom(seed);
    return pct(random::nextLong, depth, expectedSteps);
  }

  /**
   * {@link #pct(long, int, long)} drawing its random decisions from {@code choices}.
   *
   * @param choices where the random decisions are drawn from
   * @param depth the bug depth to aim at; at least 1
   * @param expectedSteps about how many scheduling decisions a run takes; at least 1
   * @return a PCT schedule driven by {@code choices}
   */
  static Schedule pct(Choices choices, int depth, long expectedSteps) {
    return new PctSchedule(choices, depth, expectedSteps);
  }

  /**
   * Partial-order sampling (Yuan et al., 2018), in its basic form: each task's next step has a
   * random priority, the highest runs, and a task that ran draws a new one for its next step.
   *
   * @param seed the seed; the same one gives the same schedule
   * @return a POS schedule
   */
  static Schedule pos(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return pos(random::nextLong);
  }

  /**
   * {@link #pos(long)} drawing its random decisions from {@code choices}.
   *
   * @param choices where the priorities are drawn from
   * @return a POS schedule driven by {@code choices}
   */
  static Schedule pos(Choices choices) {
    return new PosSchedule(choices);
  }

  /**
   * Replays explicit decisions: the {@code i}-th pick is {@code choices[i]} (capped to the last
   * candidate), and once they run out every pick is 0 (keep running) — as are random draws.
   *
   * @param choices the picks, in order; none keeps the running task at every point
   * @return a schedule replaying {@code choices}
   */
  static Schedule of(long... choices) {
    long[] copy = Arrays.copyOf(choices, choices.length);
    int[] next = {0};
    return walk(bound -> next[0] < copy.length ? Math.min(copy[next[0]++], bound - 1) : 0,
        "explicit choices");
  }
}
