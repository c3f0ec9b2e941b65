package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.SimProblem;

/** A run's failure that is a problem the simulation found (deadlock, livelock, escape). */
public final class SimProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SimProblem problem;

  SimProblemException(SimProblem problem, Throwable runFailure) {
    super(problem.toString(), runFailure);
    this.problem = problem;
  }

  /**
   * The problem.
   *
   * @return the problem
   */
  public SimProblem problem() {
    return problem;
  }
}
