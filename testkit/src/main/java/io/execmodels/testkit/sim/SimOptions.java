package io.execmodels.testkit.sim;

import io.execmodels.core.Config;
import io.execmodels.core.spi.Carriers;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * How a simulation runs. Immutable; each {@code with...} method returns a changed copy. From a
 * {@link Config} (and so from system properties), the options are:
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code sim.seed}</td><td>the schedule's seed</td><td>0</td></tr>
 *   <tr><td>{@code sim.schedule}</td><td>{@code random}, {@code pct} or {@code pos}</td>
 *       <td>random</td></tr>
 *   <tr><td>{@code sim.pctDepth}</td><td>PCT's depth</td><td>3</td></tr>
 *   <tr><td>{@code sim.maxSteps}</td><td>scheduling points before a livelock is reported</td>
 *       <td>10,000,000</td></tr>
 *   <tr><td>{@code sim.clockTick}</td><td>virtual time each clock read by a running task costs, in
 *       ns</td><td>0</td></tr>
 *   <tr><td>{@code sim.stallTimeout}</td><td>wall time a task may hold the turn without calling
 *       into the model before it is reported as escaped, in ms</td><td>10,000</td></tr>
 *   <tr><td>{@code sim.carrier}</td><td>{@code default}: the tasks' virtual threads run on the
 *       JDK's scheduler; {@code own}: on one carrier thread of the model's own, which its {@code
 *       close()} ends (see {@link #withOwnCarrier})</td><td>default</td></tr>
 * </table>
 */
public final class SimOptions {

  private final Profile profile;
  private final Supplier<Schedule> schedule;
  private final long maxSteps;
  private final boolean closedWorld;
  private final long clockTickNanos;
  private final Duration stallTimeout;
  private final int traceLimit;
  /** The executor the tasks' virtual threads run on, or {@code null}: see {@link #carrier()}. */
  private final Executor carrier;
  private final boolean ownCarrier;

  private SimOptions(Profile profile, Supplier<Schedule> schedule, long maxSteps,
      boolean closedWorld, long clockTickNanos, Duration stallTimeout, int traceLimit,
      Executor carrier, boolean ownCarrier) {
    assert carrier == null || !ownCarrier;
    this.profile = profile;
    this.schedule = schedule;
    this.maxSteps = maxSteps;
    this.closedWorld = closedWorld;
    this.clockTickNanos = clockTickNanos;
    this.stallTimeout = stallTimeout;
    this.traceLimit = traceLimit;
    this.carrier = carrier;
    this.ownCarrier = ownCarrier;
  }

  /**
   * Profile {@code sim}, a random schedule from seed 0, open world, 10M steps, no clock tick.
   *
   * @return the default options
   */
  public static SimOptions defaults() {
    return new SimOptions(Profile.SIM, () -> Schedule.random(0), 10_000_000, false, 0,
        Duration.ofSeconds(10), 100_000, null, false);
  }

  /**
   * The options {@code config} holds ({@code sim.*}), under the profile its model name says.
   *
   * @param config the configuration, naming a simulation profile ({@code sim:csp}) or not
   * @return the options it holds, the defaults otherwise
   * @throws IllegalArgumentException naming the option, if one cannot be read
   */
  public static SimOptions from(Config config) {
    SimOptions o = defaults();
    if (config.model().isPresent()) {
      o = o.withProfile(Profile.forModelName(config.model().get()));
    }
    long seed = longOption(config, "sim.seed", 0);
    int depth = (int) longOption(config, "sim.pctDepth", 3);
    String kind = config.option("sim.schedule").orElse("random");
    o = switch (kind) {
      case "random" -> o.withSchedule(() -> Schedule.random(seed));
      case "pct" -> o.withSchedule(() -> Schedule.pct(seed, depth, 10_000));
      case "pos" -> o.withSchedule(() -> Schedule.pos(seed));
      default -> throw new IllegalArgumentException(
          "option sim.schedule must be random, pct or pos, was '" + kind + "'");
    };
    o = o.withMaxSteps(longOption(config, "sim.maxSteps", o.maxSteps));
    o = o.withClockTick(Duration.ofNanos(longOption(config, "sim.clockTick", 0)));
    o = o.withStallTimeout(
        Duration.ofMillis(longOption(config, "sim.stallTimeout", o.stallTimeout.toMillis())));
    String carrier = config.option("sim.carrier").orElse("default");
    o = switch (carrier) {
      case "default" -> o;
      case "own" -> {
        if (!Carriers.available()) {
          throw new IllegalArgumentException("sim.carrier=own needs carrier control, which this"
              + " JVM does not allow: add --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        yield o.withOwnCarrier(true);
      }
      default -> throw new IllegalArgumentException(
          "option sim.carrier must be default or own, was '" + carrier + "'");
    };
    return o;
  }

  private static long longOption(Config config, String key, long otherwise) {
    String v = config.option(key).orElse(null);
    if (v == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + " must be an integer, was '" + v + "'",
          e);
    }
  }

  /**
   * With this profile.
   *
   * @param p the profile
   * @return a copy of these options with that profile
   */
  public SimOptions withProfile(Profile p) {
    return new SimOptions(Objects.requireNonNull(p, "profile"), schedule, maxSteps, closedWorld,
        clockTickNanos, stallTimeout, traceLimit, carrier, ownCarrier);
  }

  /**
   * With this schedule; a simulation takes it for its whole life.
   *
   * @param s the schedule; one simulation's only
   * @return a copy of these options with that schedule
   */
  public SimOptions withSchedule(Schedule s) {
    Objects.requireNonNull(s, "schedule");
    return withSchedule(() -> s);
  }

  /**
   * With a fresh schedule from {@code s} for each simulation opened with these options.
   *
   * @param s makes a fresh schedule per simulation
   * @return a copy of these options with that supplier
   */
  public SimOptions withSchedule(Supplier<Schedule> s) {
    return new SimOptions(profile, Objects.requireNonNull(s, "schedule"), maxSteps, closedWorld,
        clockTickNanos, stallTimeout, traceLimit, carrier, ownCarrier);
  }

  /**
   * With this bound on scheduling points: a run that goes past it is reported as a livelock and
   * its tasks are cancelled.
   *
   * @param steps the most scheduling points a run may take; at least 1
   * @return a copy of these options with that bound
   * @throws IllegalArgumentException if {@code steps} is less than 1
   */
  public SimOptions withMaxSteps(long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("max steps must be at least 1, was " + steps);
    }
    return new SimOptions(profile, schedule, steps, closedWorld, clockTickNanos, stallTimeout,
        traceLimit, carrier, ownCarrier);
  }

  /**
   * With the world closed or open. In a closed world (the property engine's) the simulated run is
   * all there is: a foreign thread touching it is reported as an {@link SimProblem.Kind#ESCAPE},
   * and tasks that all wait with no timer pending as a {@link SimProblem.Kind#DEADLOCK} (they are
   * cancelled). In an open world (a model opened by name) outside threads may spawn, cancel and
   * wake tasks, at the cost of determinism.
   *
   * @param closed whether the world is closed
   * @return a copy of these options so
   */
  public SimOptions withClosedWorld(boolean closed) {
    return new SimOptions(profile, schedule, maxSteps, closed, clockTickNanos, stallTimeout,
        traceLimit, carrier, ownCarrier);
  }

  /**
   * With each read of the clock by a running task advancing virtual time by {@code tick}. Zero
   * (the default) keeps Go's {@code synctest} rule: time moves only when every task waits. A tick
   * lets code that spins on the clock between suspension points see time pass.
   *
   * @param tick how far each clock read advances virtual time; zero or more
   * @return a copy of these options with that tick
   * @throws IllegalArgumentException if {@code tick} is negative
   */
  public SimOptions withClockTick(Duration tick) {
    if (tick.isNegative()) {
      throw new IllegalArgumentException("clock tick must not be negative, was " + tick);
    }
    return new SimOptions(profile, schedule, maxSteps, closedWorld, tick.toNanos(), stallTimeout,
        traceLimit, carrier, ownCarrier);
  }

  /**
   * With this stall timeout: a task holding the turn this long in wall time without calling into
   * the model, or a blocking call the simulation waits for this long, is reported as an escape.
   *
   * @param timeout the wall time after which a stall is an escape; positive
   * @return a copy of these options with that timeout
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public SimOptions withStallTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("stall timeout must be positive, was " + timeout);
    }
    return new SimOptions(profile, schedule, maxSteps, closedWorld, clockTickNanos, timeout,
        traceLimit, carrier, ownCarrier);
  }

  /**
   * With at most {@code steps} steps kept in the trace (all are hashed).
   *
   * @param steps the most steps the trace keeps; 0 keeps none
   * @return a copy of these options with that limit
   * @throws IllegalArgumentException if {@code steps} is negative
   */
  public SimOptions withTraceLimit(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("trace limit must not be negative, was " + steps);
    }
    return new SimOptions(profile, schedule, maxSteps, closedWorld, clockTickNanos, stallTimeout,
        steps, carrier, ownCarrier);
  }

  /**
   * With the tasks' virtual threads run on {@code carrier} (core's {@link Carriers}) instead of the
   * JDK's default scheduler, or on the default again if {@code null}. A hand-off between two tasks
   * is then a continuation switch on the carrier's thread, with no wake-up of another thread:
   * several times cheaper (see the testkit's README). Schedules, traces and replays are the same on
   * either. The executor stays the caller's: the simulation does not close it, so one carrier (a
   * {@link io.execmodels.core.spi.OneCarrier}) can serve many simulations opened one after another,
   * as the property engine's does, without a thread per simulation. Any executor keeps a run
   * deterministic (the turn decides who runs, not the carrier); one that runs everything on one
   * thread is what makes hand-offs cheap. Its threads must not be ones that wait for the
   * simulation (the thread that calls {@code run}). Checked when a simulation opens: it throws
   * {@link UnsupportedOperationException} unless {@link Carriers#available()}.
   *
   * @param carrier runs the tasks' virtual threads; {@code null} for the JDK's default scheduler
   * @return a copy of these options with that carrier
   */
  public SimOptions withCarrier(Executor carrier) {
    return new SimOptions(profile, schedule, maxSteps, closedWorld, clockTickNanos, stallTimeout,
        traceLimit, carrier, false);
  }

  /**
   * With the tasks' virtual threads run on one carrier thread that each simulation opened with
   * these options starts for itself and its {@code close()} ends ({@code sim.carrier=own}); with
   * {@code false}, on the JDK's default scheduler. See {@link #withCarrier}: a thread per
   * simulation costs about a run's worth of time where runs are short, so a series of
   * simulations is better served by one shared carrier.
   *
   * @param own whether each simulation starts a carrier of its own
   * @return a copy of these options so
   */
  public SimOptions withOwnCarrier(boolean own) {
    return new SimOptions(profile, schedule, maxSteps, closedWorld, clockTickNanos, stallTimeout,
        traceLimit, null, own);
  }

  /**
   * The shared carrier the tasks run on ({@link #withCarrier}), or {@code null}.
   *
   * @return the shared carrier, or {@code null} if there is none
   */
  public Executor carrier() {
    return carrier;
  }

  /**
   * Whether each simulation starts a carrier of its own ({@link #withOwnCarrier}).
   *
   * @return whether each simulation starts its own carrier
   */
  public boolean ownCarrier() {
    return ownCarrier;
  }

  /**
   * The profile.
   *
   * @return the profile
   */
  public Profile profile() {
    return profile;
  }

  /**
   * A fresh schedule for one simulation.
   *
   * @return a schedule for one simulation
   */
  public Schedule newSchedule() {
    return schedule.get();
  }

  /**
   * The bound on scheduling points.
   *
   * @return the most scheduling points a run may take
   */
  public long maxSteps() {
    return maxSteps;
  }

  /**
   * Whether the world is closed.
   *
   * @return whether the world is closed
   */
  public boolean closedWorld() {
    return closedWorld;
  }

  /**
   * The virtual time a clock read costs, in nanoseconds.
   *
   * @return the virtual nanoseconds each clock read advances; 0 by default
   */
  public long clockTickNanos() {
    return clockTickNanos;
  }

  /**
   * The stall timeout.
   *
   * @return the stall timeout
   */
  public Duration stallTimeout() {
    return stallTimeout;
  }

  /**
   * How many steps the trace keeps.
   *
   * @return the most steps the trace keeps
   */
  public int traceLimit() {
    return traceLimit;
  }
}
