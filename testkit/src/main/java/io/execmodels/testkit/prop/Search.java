package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Choices;
import io.execmodels.testkit.sim.Schedule;

/**
 * How a property explores schedules: a name for reports, and the schedule each example's choices
 * drive. Immutable.
 *
 * @param label what reports call it ({@code random walk}, {@code PCT depth 3}, {@code POS})
 * @param schedules the schedule of one example, from its choices and what earlier examples took
 */
record Search(String label, Schedules schedules) {

  /** PCT's {@code k} before any example has run: a guess, replaced by what the runs take. */
  static final int FIRST_PCT_DECISIONS = 20;

  /** The schedule of one example. */
  @FunctionalInterface
  interface Schedules {
    /**
     * The schedule of one example.
     *
     * @param choices the example's choices
     * @param longest the most decisions an earlier example of this run took; 0 before the first
     * @return the schedule
     */
    Schedule of(Choices choices, long longest);
  }

  /** The random walk: each decision a uniform choice, 0 keeping the running task. */
  static final Search RANDOM_WALK = new Search("random walk", (c, longest) -> Schedule.walk(c));

  /** Partial-order sampling ({@link Schedule#pos}). */
  static final Search POS = new Search("POS", (c, longest) -> Schedule.pos(c));

  /** PCT of {@code depth} over runs of about {@code decisions} decisions ({@link Schedule#pct}). */
  static Search pct(int depth, int decisions) {
    return new Search("PCT depth " + depth, (c, longest) -> Schedule.pct(c, depth, decisions));
  }

  /**
   * PCT of {@code depth} whose {@code k} is the longest run so far ({@link #FIRST_PCT_DECISIONS}
   * for the first): PCT's guarantee needs change points that can fall anywhere in a run, and a run
   * longer than a fixed guess would have a tail no change point reaches.
   */
  static Search pct(int depth) {
    return new Search("PCT depth " + depth, (c, longest) -> Schedule.pct(c, depth,
        longest > 0 ? longest : FIRST_PCT_DECISIONS));
  }
}
