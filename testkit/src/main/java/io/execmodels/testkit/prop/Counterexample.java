package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Trace;
import java.util.Arrays;

/**
 * A failing example, shrunk: its input, its failure, its schedule and how to replay it.
 *
 * @param property the property's name
 * @param model where it failed
 * @param schedule the schedule strategy ({@code random walk}, {@code PCT depth 3})
 * @param seed the exploration's seed
 * @param example which example failed, from 1
 * @param input the shrunk input
 * @param failure how the shrunk run failed
 * @param trace the shrunk run's schedule; {@code null} on a real model
 * @param choices the shrunk run's choices
 * @param foundChoices how many choices the failing example drew before shrinking
 * @param shrinkRuns how many runs shrinking took
 * @param deterministic whether replaying the shrunk choices gave the same trace hash
 * @param replayHash the trace hash of that replay
 * @param replayLine the line that replays it ({@code name@choices})
 */
public record Counterexample(
    String property,
    String model,
    String schedule,
    long seed,
    int example,
    Object input,
    Throwable failure,
    Trace trace,
    long[] choices,
    int foundChoices,
    int shrinkRuns,
    boolean deterministic,
    long replayHash,
    String replayLine) {

  /**
   * The report a failure prints: everything needed to understand and replay it.
   *
   * @return the report, over several lines
   */
  public String report() {
    StringBuilder b = new StringBuilder();
    b.append("Property '").append(property).append("' failed on ").append(model)
        .append(" (").append(schedule).append(" schedule, seed ").append(seed)
        .append(", example ").append(example).append(")\n");
    b.append("  input:   ").append(input).append('\n');
    b.append("  failure: ").append(failure).append('\n');
    b.append("  shrunk from ").append(foundChoices).append(" to ").append(choices.length)
        .append(" choices in ").append(shrinkRuns).append(" runs\n");
    if (trace != null) {
      b.append("  schedule (").append(trace.length()).append(" steps, ")
          .append(trace.contextSwitches()).append(" context switches):\n");
      for (Trace.Step s : trace.steps()) {
        b.append("    ").append(trace.format(s)).append('\n');
      }
      b.append("  trace hash ").append(Long.toHexString(trace.hash()));
      b.append(deterministic ? ", the same on replay\n"
          : ", but a replay gave " + Long.toHexString(replayHash)
              + ": NON-DETERMINISTIC - something outside the simulation steers the run\n");
    } else {
      b.append("  schedule: the model's own, not recorded: the replay line gives the input only,"
          + " and the failure may not come back; explore under a sim profile to replay one\n");
    }
    b.append("  replay:  ").append(Replay.asSystemProperty(replayLine)).append('\n');
    b.append("  search:  -Dexecmodels.sim.seed=").append(seed);
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counterexample c && replayLine.equals(c.replayLine)
        && model.equals(c.model) && Arrays.equals(choices, c.choices);
  }

  @Override
  public int hashCode() {
    return replayLine.hashCode();
  }

  @Override
  public String toString() {
    return report();
  }
}
