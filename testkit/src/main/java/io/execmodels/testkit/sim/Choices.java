package io.execmodels.testkit.sim;

/**
 * A source of choices: the one stream every decision of a simulated run is drawn from (which task
 * runs next, what a select picks, and, in the property engine, the input). Small values are the
 * simple ones: 0 keeps the running task running, and generators map 0 to their simplest value, so
 * a shrinker that lowers choices simplifies the run. Not thread-safe: one run draws from it.
 */
@FunctionalInterface
public interface Choices {

  /**
   * The next choice, in {@code [0, bound)}.
   *
   * @param bound the number of options, at least 1
   * @return the choice, from 0 to {@code bound - 1}; 0 is the simplest
   */
  long next(long bound);
}
