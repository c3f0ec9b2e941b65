package io.execmodels.core;

import java.util.List;

/**
 * Thrown by {@link ExecutionModel#run} under {@link Config#withLeakCheck leak checking}: tasks of
 * the run were still running when its body returned (Go's {@code goleak}; the simulation's leak
 * report). They were cancelled, as always at the end of a run; this says that the code relied on
 * it.
 */
public final class LeakException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Each leaked task and what it was doing, one line each. */
  private final List<String> leaks;

  /**
   * Creates it from the leaked tasks, one line each.
   *
   * @param leaks one line per task still running when the run's body returned
   */
  public LeakException(List<String> leaks) {
    super(leaks.size() + " task(s) still running when the run's body returned:\n  "
        + String.join("\n  ", leaks));
    this.leaks = List.copyOf(leaks);
  }

  /**
   * Each leaked task and what it was doing ({@code task 'name': receive on Channel#3}).
   *
   * @return one line per leaked task; unmodifiable
   */
  public List<String> leaks() {
    return leaks;
  }
}
