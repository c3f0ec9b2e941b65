package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Trace;

/**
 * One example's run: the choices it drew, the input they made, how it failed ({@code null} if it
 * passed) and, under simulation, its trace.
 *
 * @param choices every choice of the run: first the input's, then the schedule's
 * @param inputChoices how many of {@code choices} made the input
 * @param input the input
 * @param failure how it failed, or {@code null}
 * @param trace its schedule, or {@code null} on a real model
 */
record Attempt(long[] choices, int inputChoices, Object input, Throwable failure, Trace trace) {

  boolean failed() {
    return failure != null;
  }

  /** What kind of failure, to keep shrinking on the same bug: the class, and a problem's kind. */
  String kind() {
    if (failure == null) {
      return "pass";
    }
    return failure instanceof SimProblemException p
        ? "sim " + p.problem().kind() : failure.getClass().getName();
  }
}
