package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Trace;

/**
 * One example's run: the choices it drew, the input they made, how it failed ({@code null} if it
 * passed) and, under simulation, its trace.
 */
record Attempt(long[] choices, Object input, Throwable failure, Trace trace) {

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
