package io.execmodels.testkit.sim;

/**
 * Something a simulated run went wrong with that is not an exception of the program's own.
 *
 * @param kind what went wrong
 * @param message a report naming the tasks involved
 */
public record SimProblem(Kind kind, String message) {

  /** The kinds of problem. */
  public enum Kind {
    /** Every task waited, no timer was pending and nothing outside could wake one. */
    DEADLOCK,
    /** The run took more scheduling points than its bound. */
    LIVELOCK,
    /**
     * Code escaped the simulation: a foreign thread touched it, or a task held the turn without
     * calling into the model (a real sleep or lock, a blocking call outside {@code ctx.blocking}).
     */
    ESCAPE
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
