package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Choices;
import io.execmodels.testkit.sim.Schedule;
import java.util.function.Function;

/**
 * How a property explores schedules: a name for reports, and the schedule each example's choices
 * drive. Immutable.
 *
 * @param label what reports call it ({@code random walk}, {@code PCT depth 3}, {@code POS})
 * @param schedule the schedule of one example, from that example's choices
 */
record Search(String label, Function<Choices, Schedule> schedule) {

  /** The random walk: each decision a uniform choice, 0 keeping the running task. */
  static final Search RANDOM_WALK = new Search("random walk", Schedule::walk);

  /** Partial-order sampling ({@link Schedule#pos}). */
  static final Search POS = new Search("POS", Schedule::pos);

  /** PCT of {@code depth} over runs of about {@code decisions} decisions ({@link Schedule#pct}). */
  static Search pct(int depth, int decisions) {
    return new Search("PCT depth " + depth, c -> Schedule.pct(c, depth, decisions));
  }
}
