package io.execmodels.testkit.sim;

import io.execmodels.core.Traits;
import java.util.Locale;

/**
 * The rules a simulation follows: where it may switch tasks, so that a property is explored under
 * one model's rules. Every profile runs one task at a time (parallelism 1); they differ in which
 * calls into the model are scheduling points.
 *
 * <table>
 *   <caption>Scheduling points by profile</caption>
 *   <tr><th>profile</th><th>park (await, channel wait, select, sleep)</th><th>blocking</th>
 *       <th>checkpoint</th><th>spawn, compute, arming a timeout, a channel operation or select
 *       that does not wait</th></tr>
 *   <tr><td>{@code sim}, {@code sim:csp}</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@code sim:gil-threads}</td><td>yes</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@code sim:eventloop}, {@code sim:asyncio}</td><td>yes</td><td>yes</td><td>no</td>
 *       <td>no</td></tr>
 * </table>
 *
 * <p>{@code csp}'s full preemption (anywhere, in parallel) is approximated by a switch at every
 * call into the model: code between two such calls runs alone under every profile. A channel
 * operation that goes through without waiting is one such call: a lock made of a channel (a send
 * to take it, a receive to give it back) can be preempted around, as a Go mutex can.
 */
public enum Profile {
  /** The default: a switch may happen at every call into the model. */
  SIM("sim", Traits.Preemption.FULL, true, true),
  /** Go's rules as the simulation approximates them: like {@link #SIM}. */
  CSP("sim:csp", Traits.Preemption.FULL, true, true),
  /** CPython threads: switches where the GIL is released or its eval breaker fires. */
  GIL_THREADS("sim:gil-threads", Traits.Preemption.CHECKPOINTS, true, false),
  /** Node's event loop: code between two awaits runs alone. */
  EVENTLOOP("sim:eventloop", Traits.Preemption.NONE, false, false),
  /** Python's asyncio: code between two awaits runs alone. */
  ASYNCIO("sim:asyncio", Traits.Preemption.NONE, false, false);

  private final String modelName;
  private final Traits traits;
  private final boolean switchAtCheckpoint;
  /** Whether every call into the model is a scheduling point, not only the ones that wait. */
  private final boolean switchAtEveryCall;

  Profile(String modelName, Traits.Preemption preemption, boolean checkpoint, boolean everyCall) {
    this.modelName = modelName;
    this.traits = new Traits(1, preemption, Traits.Memory.SHARED, Integer.MAX_VALUE);
    this.switchAtCheckpoint = checkpoint;
    this.switchAtEveryCall = everyCall;
  }

  /**
   * The name the model is opened by ({@code sim:eventloop}).
   *
   * @return the model's name
   */
  public String modelName() {
    return modelName;
  }

  /**
   * The traits a simulation under this profile reports.
   *
   * @return the traits
   */
  public Traits traits() {
    return traits;
  }

  /**
   * Whether {@code ctx.checkpoint()} is a scheduling point.
   *
   * @return whether a checkpoint may switch tasks
   */
  public boolean switchesAtCheckpoints() {
    return switchAtCheckpoint;
  }

  /**
   * Whether spawning a task, {@code ctx.compute} and arming a timeout are scheduling points.
   *
   * @return whether those may switch tasks
   */
  public boolean switchesAtSpawnAndCompute() {
    return switchAtEveryCall;
  }

  /**
   * Whether a channel operation or a select is a scheduling point even when it does not wait.
   *
   * @return whether those may switch tasks before they run
   */
  public boolean switchesAtChannelOperations() {
    return switchAtEveryCall;
  }

  /**
   * The profile a model name stands for.
   *
   * @param modelName the model's name ({@code sim}, {@code sim:csp}...)
   * @return the profile of that name
   * @throws IllegalArgumentException naming the known names, if {@code modelName} is none of them
   */
  public static Profile forModelName(String modelName) {
    for (Profile p : values()) {
      if (p.modelName.equals(modelName.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown simulation profile '" + modelName + "'; known: "
        + java.util.Arrays.stream(values()).map(Profile::modelName).toList());
  }
}
