package io.execmodels.testkit.sim;

import io.execmodels.core.Body;
import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.Stats;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.List;

/**
 * The deterministic simulation model: one task runs at a time, a {@link Schedule} picks the next
 * at every scheduling point (see {@link Profile}), and time is virtual. A run is a pure function
 * of its program, input and schedule, so a failing one replays exactly; its {@link #trace()} shows
 * it step by step.
 *
 * <p><b>Virtual time.</b> {@code ctx.now()}, sleeps, timeouts and select timeouts read a virtual
 * clock, which starts at 0 and jumps to the next timer only when no task can run and no blocking
 * call is in flight (Go's {@code testing/synctest} rule). A 24-hour sleep costs no wall time.
 *
 * <p><b>Blocking calls</b> ({@code ctx.blocking}) run on the task's own thread with the turn given
 * up; the task comes back at the next moment no task can run. Their results are the one input the
 * simulation does not control.
 *
 * <p><b>Liveness.</b> Tasks of a run that all wait on each other fail it with core's {@link
 * io.execmodels.core.DeadlockException}; in a {@linkplain SimOptions#withClosedWorld closed world}
 * any other state where every task waits with no timer pending is a {@link
 * SimProblem.Kind#DEADLOCK} problem. A run past {@link SimOptions#maxSteps()} is a {@link
 * SimProblem.Kind#LIVELOCK} (its tasks are cancelled). Leaks are reported by core's leak check
 * ({@link Config#withLeakCheck}). Code that escapes the simulation (a foreign thread touching it,
 * a task holding the turn without calling into the model) is a {@link SimProblem.Kind#ESCAPE}.
 *
 * <p><b>Carriers.</b> The tasks run on virtual threads, on the JDK's scheduler or on one carrier
 * thread ({@link SimOptions#withCarrier}, {@code sim.carrier=own}), where a hand-off between tasks
 * costs several times less; the property engine puts all its simulations on one carrier when the
 * JVM allows it. A schedule gives the same run on either.
 *
 * <p>Thread-safe, as every model; a run is deterministic when nothing outside it touches the
 * model while it goes on.
 */
public final class SimModel implements ExecutionModel {

  private final ExecutionModel model;
  private final SimScheduler scheduler;
  private final SimOptions options;

  private SimModel(String name, Config config, SimOptions options) {
    this.options = options;
    this.scheduler = new SimScheduler(options);
    ExecutionModel m;
    try {
      m = SchedulerModels.create(name, config, scheduler);
    } catch (RuntimeException | Error e) {
      scheduler.shutdown(Duration.ZERO); // ends the carrier it may have started
      throw e;
    }
    this.model = m;
  }

  /**
   * Opens a simulation with these options (and core's defaults otherwise).
   *
   * @param options the simulation's options
   * @return the open simulation, which the caller closes
   * @throws UnsupportedOperationException if the options put it on a carrier and the JVM does not
   *     allow carrier control (see {@link SimOptions#withCarrier})
   */
  public static SimModel open(SimOptions options) {
    return open(Config.defaults().withModel(options.profile().modelName()), options);
  }

  /**
   * Opens a simulation with core's settings from {@code config} (leak check, grace, unhandled
   * failures) and the simulation's from {@code options}.
   *
   * @param config core's settings; its model name, if any, is the simulation's name
   * @param options the simulation's options
   * @return the open simulation, which the caller closes
   */
  public static SimModel open(Config config, SimOptions options) {
    return new SimModel(config.model().orElse(options.profile().modelName()), config, options);
  }

  /**
   * The options it runs with.
   *
   * @return the options
   */
  public SimOptions options() {
    return options;
  }

  /**
   * The schedule so far: complete once the run is over.
   *
   * @return the trace so far
   */
  public Trace trace() {
    return scheduler.trace();
  }

  /**
   * Deadlocks, livelocks and escapes reported so far.
   *
   * @return the problems so far, in the order found; empty if none
   */
  public List<SimProblem> problems() {
    return scheduler.problems();
  }

  /**
   * The virtual clock, in nanoseconds since the simulation opened.
   *
   * @return the virtual time, in nanoseconds; starts at 0
   */
  public long virtualNanos() {
    return scheduler.nanoTime();
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public Traits traits() {
    return model.traits();
  }

  @Override
  public Stats stats() {
    return model.stats();
  }

  @Override
  public <T> T run(Body<T> body) throws Exception {
    return model.run(body);
  }

  @Override
  public <T> Task<T> spawn(Body<T> body) {
    return model.spawn(body);
  }

  @Override
  public void close() {
    model.close();
  }

  @Override
  public void shutdownNow() {
    model.shutdownNow();
  }

  @Override
  public boolean isClosed() {
    return model.isClosed();
  }

  @Override
  public String toString() {
    return model.toString();
  }
}
