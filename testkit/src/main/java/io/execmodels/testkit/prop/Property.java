package io.execmodels.testkit.prop;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.spi.Carriers;
import io.execmodels.core.spi.OneCarrier;
import io.execmodels.testkit.sim.Profile;
import io.execmodels.testkit.sim.Schedule;
import io.execmodels.testkit.sim.SimModel;
import io.execmodels.testkit.sim.SimOptions;
import io.execmodels.testkit.sim.SimProblem;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A property of a concurrent program, explored over many inputs and schedules: the program runs
 * under the simulation ({@link SimModel}) once per example, with its input and every scheduling
 * decision drawn from one recorded choice sequence. The schedules are searched by partial-order
 * sampling (POS) unless another search is asked for ({@link #withRandomWalk}, {@link #withPct});
 * whatever the search, a failing example's decisions are rewritten as a random walk's (each the
 * index of the task picked), and that sequence is shrunk — spans deleted, values zeroed and
 * lowered — keeping only candidates that still fail the same way, so input and schedule shrink
 * together toward the simplest failing run with the fewest context switches (choice 0 keeps the
 * running task running). The failure is reported with the shrunk input, the schedule as a trace,
 * and a line that replays it.
 *
 * <pre>{@code
 * Property.forAll("no lost update", Gen.ints(2, 5), (ctx, n) -> {
 *   ... spawn n tasks, await them, assert on what they did ...
 * }).withSeed(42).withMaxExamples(500).check();
 * }</pre>
 *
 * <p>Plain Java: {@link #check()} throws a {@link PropertyFailedError} (an {@link AssertionError},
 * which every test framework reports as a failure), and {@link #run()} returns the result. Runs
 * the examples one at a time; the calling thread waits for each. When the JVM allows carrier
 * control (core's {@code Carriers}: {@code --add-opens java.base/java.lang=ALL-UNNAMED}), every
 * simulation of one {@code run()} runs on one carrier thread, which the call starts and ends; a
 * context switch then costs several times less. Immutable: each {@code with...} method
 * returns a changed copy.
 *
 * <p>Defaults: profile {@code sim}, POS schedules, 1,000 examples, a seed from {@code
 * -Dexecmodels.sim.seed} or else from the property's name (so a build is reproducible), 100,000
 * scheduling points per run, leak checking on. {@code -Dexecmodels.sim.replay=name@choices}
 * replays one example of the property of that name instead of exploring.
 *
 * @param <I> the input's type
 */
public final class Property<I> {

  private static final int SHRINK_RUNS = 10_000;
  private static final Duration SHRINK_TIME = Duration.ofSeconds(60);
  private static final Duration CARRIER_JOIN = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger("io.execmodels");

  private final String name;
  private final Gen<I> input;
  private final SimBody<I> body;
  private final Profile profile;
  private final String realModel;
  private final long seed;
  private final int maxExamples;
  private final Search search;
  private final long maxSteps;
  private final boolean leakCheck;

  private Property(String name, Gen<I> input, SimBody<I> body, Profile profile, String realModel,
      long seed, int maxExamples, Search search, long maxSteps, boolean leakCheck) {
    this.name = name;
    this.input = input;
    this.body = body;
    this.profile = profile;
    this.realModel = realModel;
    this.seed = seed;
    this.maxExamples = maxExamples;
    this.search = search;
    this.maxSteps = maxSteps;
    this.leakCheck = leakCheck;
  }

  /**
   * A property of {@code body} for every input {@code input} generates.
   *
   * @param <I> the type of the inputs
   * @param name the property's name, for reports and replay lines; no {@code @} in it
   * @param input generates the inputs
   * @param body the program to check; it fails the example by throwing
   * @return the property, under the default simulation profile
   * @throws IllegalArgumentException if {@code name} is blank or contains {@code @}
   */
  public static <I> Property<I> forAll(String name, Gen<I> input, SimBody<I> body) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.contains("@")) {
      throw new IllegalArgumentException("a property's name must be non-blank and free of '@',"
          + " was '" + name + "'");
    }
    Long fixed = Long.getLong("execmodels.sim.seed");
    return new Property<>(name, Objects.requireNonNull(input, "input"),
        Objects.requireNonNull(body, "body"), Profile.SIM, null,
        fixed != null ? fixed : name.hashCode(), 1_000, Search.POS, 100_000, true);
  }

  /**
   * A property of a program without input: only schedules are explored.
   *
   * @param name the property's name, for reports and replay lines; no {@code @} in it
   * @param body the program to check, with {@code null} as its input
   * @return the property, under the default simulation profile
   */
  public static Property<Void> of(String name, SimBody<Void> body) {
    return forAll(name, Gen.constant(null), body);
  }

  /**
   * Under this simulation profile (and no longer on a real model).
   *
   * @param p the simulation profile
   * @return a copy of this property under that profile
   */
  public Property<I> withProfile(Profile p) {
    return new Property<>(name, input, body, Objects.requireNonNull(p, "profile"), null, seed,
        maxExamples, search, maxSteps, leakCheck);
  }

  /**
   * On the real model of this name, opened fresh for each example: inputs are explored and
   * shrunk, schedules are whatever the model does, so a failure may not replay: its report says
   * so, and a replay on a real model logs a warning saying that only the input is replayed.
   *
   * @param modelName the real model's name ({@code csp}...)
   * @return a copy of this property on that model
   */
  public Property<I> onModel(String modelName) {
    Objects.requireNonNull(modelName, "modelName");
    return new Property<>(name, input, body, profile, modelName, seed, maxExamples, search,
        maxSteps, leakCheck);
  }

  /**
   * With this seed: the examples explored are a function of it.
   *
   * @param s the seed
   * @return a copy of this property with that seed
   */
  public Property<I> withSeed(long s) {
    return new Property<>(name, input, body, profile, realModel, s, maxExamples, search, maxSteps,
        leakCheck);
  }

  /**
   * With at most this many examples before the property passes.
   *
   * @param n the example budget; at least 1
   * @return a copy of this property with that budget
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public Property<I> withMaxExamples(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("max examples must be at least 1, was " + n);
    }
    return new Property<>(name, input, body, profile, realModel, seed, n, search,
        maxSteps, leakCheck);
  }

  /**
   * With PCT schedules of this depth ({@link Schedule#pct}) instead of POS; 0 means a random walk
   * ({@link #withRandomWalk()}). PCT's {@code k}, the span its priority changes are placed in, is
   * the most scheduling decisions an earlier example of this run took (20 for the first): so a
   * change can fall anywhere in a run, which PCT's guarantee needs (a bug of depth {@code d}
   * among {@code n} tasks found by each schedule with probability at least {@code 1/(n
   * k^(d-1))}).
   *
   * @param depth the PCT depth; 0 for a random walk
   * @return a copy of this property with those schedules
   * @throws IllegalArgumentException if {@code depth} is negative
   */
  public Property<I> withPct(int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("PCT depth must not be negative, was " + depth);
    }
    return withSearch(depth == 0 ? Search.RANDOM_WALK : Search.pct(depth));
  }

  /**
   * With PCT schedules of this depth, placing priority changes among the first {@code decisions}
   * scheduling decisions of a run (PCT's {@code k}: about the number of decisions a run takes).
   *
   * @param depth the PCT depth; 0 for a random walk
   * @param decisions about how many scheduling decisions a run takes; at least 1
   * @return a copy of this property with those schedules
   * @throws IllegalArgumentException if {@code depth} is negative or {@code decisions} less than 1
   */
  public Property<I> withPct(int depth, int decisions) {
    if (depth < 0) {
      throw new IllegalArgumentException("PCT depth must not be negative, was " + depth);
    }
    if (decisions < 1) {
      throw new IllegalArgumentException("PCT decisions must be at least 1, was " + decisions);
    }
    return new Property<>(name, input, body, profile, realModel, seed, maxExamples,
        depth == 0 ? Search.RANDOM_WALK : Search.pct(depth, decisions), maxSteps, leakCheck);
  }

  /**
   * With partial-order sampling ({@link Schedule#pos}), the default: each task's next step draws
   * a random priority, the highest runs, and a task redraws once it has run. It found every bug
   * of the bug benchmark from every seed, with fewer schedules in all than a random walk (see the
   * testkit README).
   *
   * @return a copy of this property with POS schedules
   */
  public Property<I> withPos() {
    return withSearch(Search.POS);
  }

  /**
   * With a random walk ({@link Schedule#walk}): each decision a uniform choice among the tasks
   * that can run.
   *
   * @return a copy of this property with random-walk schedules
   */
  public Property<I> withRandomWalk() {
    return withSearch(Search.RANDOM_WALK);
  }

  private Property<I> withSearch(Search how) {
    return new Property<>(name, input, body, profile, realModel, seed, maxExamples, how, maxSteps,
        leakCheck);
  }

  /**
   * With this bound on scheduling points per run (past it: a livelock).
   *
   * @param steps the most scheduling points a run may take; at least 1
   * @return a copy of this property with that bound
   * @throws IllegalArgumentException if {@code steps} is less than 1
   */
  public Property<I> withMaxSteps(long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("max steps must be at least 1, was " + steps);
    }
    return new Property<>(name, input, body, profile, realModel, seed, maxExamples, search, steps,
        leakCheck);
  }

  /**
   * With leak checking on (the default) or off: tasks alive when the body returns fail a run.
   *
   * @param on whether tasks left alive fail a run
   * @return a copy of this property with leak checking so
   */
  public Property<I> withLeakCheck(boolean on) {
    return new Property<>(name, input, body, profile, realModel, seed, maxExamples, search,
        maxSteps, on);
  }

  /**
   * The property's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Where it runs: a simulation profile's name or a real model's.
   *
   * @return the name of the profile or model
   */
  public String modelName() {
    return realModel != null ? realModel : profile.modelName();
  }

  /** Explores, and throws a {@link PropertyFailedError} with the report if an example fails. */
  public void check() {
    PropertyResult result = run();
    if (result.counterexample().isPresent()) {
      Counterexample c = result.counterexample().get();
      throw new PropertyFailedError(c.report(), c.failure());
    }
  }

  /**
   * Explores up to the example budget, stopping at the first failure, which it shrinks; or, if
   * {@code -Dexecmodels.sim.replay} names this property, runs that one example.
   *
   * @return the outcome: passed, or the shrunk counterexample
   */
  public PropertyResult run() {
    String line = System.getProperty(Replay.PROPERTY);
    if (line != null && !line.isBlank()) {
      Optional<long[]> choices = Replay.parse(line.trim(), name);
      if (choices.isPresent()) {
        return replay(choices.get());
      }
    }
    SplittableRandom master = new SplittableRandom(seed);
    OneCarrier carrier = carrier();
    try {
      long longest = 0;
      for (int i = 1; i <= maxExamples; i++) {
        Attempt a = attempt(new long[0], master.split(), carrier, search, longest);
        if (a.failed()) {
          return new PropertyResult(name, modelName(), i, Optional.of(shrink(a, i, carrier)));
        }
        longest = Math.max(longest, a.choices().length - a.inputChoices());
      }
      return new PropertyResult(name, modelName(), maxExamples, Optional.empty());
    } finally {
      release(carrier);
    }
  }

  /**
   * Runs the one example a replay line gives (as printed in a report).
   *
   * @param line the replay line, as a report prints it
   * @return the outcome of that example
   * @throws IllegalArgumentException if the line does not name this property or cannot be read
   */
  public PropertyResult replay(String line) {
    long[] choices = Replay.parse(line.trim(), name).orElseThrow(() ->
        new IllegalArgumentException("replay line '" + line + "' is not for property '" + name
            + "'"));
    return replay(choices);
  }

  private PropertyResult replay(long[] choices) {
    if (realModel != null) {
      LOG.log(Level.WARNING, "replaying property '" + name + "' on the real model '" + realModel
          + "': only its input is replayed; the schedule is the model's own, so a failure may not"
          + " come back (a counterexample found under a sim profile replays exactly under it)");
    }
    OneCarrier carrier = carrier();
    try {
      Attempt a = attempt(choices, null, carrier, Search.RANDOM_WALK);
      if (!a.failed()) {
        return new PropertyResult(name, modelName(), 1, Optional.empty());
      }
      Attempt again = attempt(choices, null, carrier, Search.RANDOM_WALK);
      return new PropertyResult(name, modelName(), 1,
          Optional.of(counterexample(a, a, again, 1, 0)));
    } finally {
      release(carrier);
    }
  }

  /**
   * One carrier thread for every simulation of an exploration, when the JVM allows it (core's
   * {@link Carriers}), else {@code null} (the JDK's scheduler): a hand-off between tasks is then a
   * switch on that thread, and a run starts no thread of its own. Runs on a real model ignore it.
   */
  private OneCarrier carrier() {
    return realModel == null && Carriers.available() ? new OneCarrier("sim-carrier") : null;
  }

  /**
   * Ends the exploration's carrier. Every simulation on it has been shut down by now, so its
   * thread ends at once, unless a task that ignored its cancellation still holds it: that one is
   * not waited for past {@link #CARRIER_JOIN}.
   */
  private static void release(OneCarrier carrier) {
    if (carrier == null) {
      return;
    }
    carrier.close();
    try {
      carrier.thread().join(CARRIER_JOIN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // -----------------------------------------------------------------------------------------------
  // One example

  /**
   * Runs one example: its input and its schedule from {@code prefix}, then from {@code random}
   * (or zeros). Its choices come back in the random walk's encoding whatever {@code how} searched
   * (see {@link WalkRecording}), which is how they are shrunk and replayed.
   */
  private Attempt attempt(long[] prefix, SplittableRandom random, OneCarrier carrier,
      Search how) {
    return attempt(prefix, random, carrier, how, 0);
  }

  /**
   * As {@link #attempt(long[], SplittableRandom, OneCarrier, Search)}, knowing the most schedule
   * decisions an earlier example of this run took ({@code longest}, 0 if none), which PCT's
   * search needs.
   */
  private Attempt attempt(long[] prefix, SplittableRandom random, OneCarrier carrier,
      Search how, long longest) {
    ChoiceSequence choices = new ChoiceSequence(prefix, random);
    I value = input.next(choices);
    if (realModel != null) {
      return onRealModel(choices, value);
    }
    long[] inputChoices = choices.drawn();
    WalkRecording recording = how == Search.RANDOM_WALK
        ? null : new WalkRecording(how.schedules().of(choices, longest));
    Schedule schedule = recording != null ? recording : Schedule.walk(choices);
    SimOptions options = SimOptions.defaults().withProfile(profile).withSchedule(schedule)
        .withClosedWorld(true).withMaxSteps(maxSteps).withCarrier(carrier);
    Config config = Config.defaults().withModel(profile.modelName()).withLeakCheck(leakCheck)
        .withShutdownGrace(Duration.ofSeconds(5));
    SimModel model = SimModel.open(config, options);
    Throwable failure = runIn(model, value);
    List<SimProblem> problems = model.problems();
    if (!problems.isEmpty()) {
      failure = new SimProblemException(problems.get(0), failure);
    }
    return new Attempt(recording != null ? recording.after(inputChoices) : choices.drawn(),
        inputChoices.length, value, failure, model.trace());
  }

  private Attempt onRealModel(ChoiceSequence choices, I value) {
    ExecutionModel model = ExecutionModels.open(Config.fromSystemProperties().withModel(realModel)
        .withLeakCheck(leakCheck));
    long[] drawn = choices.drawn();
    return new Attempt(drawn, drawn.length, value, runIn(model, value), null);
  }

  private Throwable runIn(ExecutionModel model, I value) {
    Throwable failure = null;
    try {
      model.run(ctx -> {
        body.run(ctx, value);
        return null;
      });
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      failure = t;
    } finally {
      try {
        model.shutdownNow();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure;
  }

  // -----------------------------------------------------------------------------------------------
  // Shrinking

  private Counterexample shrink(Attempt found, int example, OneCarrier carrier) {
    Shrinker shrinker = new Shrinker(found, c -> attempt(c, null, carrier, Search.RANDOM_WALK),
        SHRINK_RUNS, SHRINK_TIME);
    Attempt best = shrinker.shrink();
    Attempt again = attempt(best.choices(), null, carrier, Search.RANDOM_WALK);
    return counterexample(found, best, again, example, shrinker.runs());
  }

  private Counterexample counterexample(
      Attempt found, Attempt best, Attempt again, int example, int shrinkRuns) {
    boolean deterministic = best.trace() == null || again.trace() == null
        || again.trace().hash() == best.trace().hash();
    return new Counterexample(name, modelName(), realModel == null
        ? search.label() : "the model's own",
        seed, example, best.input(), best.failure(), best.trace(), best.choices(),
        found.choices().length, shrinkRuns, deterministic,
        again.trace() == null ? 0 : again.trace().hash(),
        Replay.format(name, best.choices()));
  }
}
