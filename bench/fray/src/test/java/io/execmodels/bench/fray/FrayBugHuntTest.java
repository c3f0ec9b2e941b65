package io.execmodels.bench.fray;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import kotlin.Unit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pastalab.fray.core.TestRunner;
import org.pastalab.fray.core.command.Configuration;
import org.pastalab.fray.core.command.ExecutionInfo;
import org.pastalab.fray.core.command.LambdaExecutor;
import org.pastalab.fray.core.command.NetworkDelegateType;
import org.pastalab.fray.core.command.SystemTimeDelegateType;
import org.pastalab.fray.core.observers.TimelineCoverageType;
import org.pastalab.fray.core.randomness.ControlledRandom;
import org.pastalab.fray.core.randomness.Randomness;
import org.pastalab.fray.core.randomness.RandomnessProvider;
import org.pastalab.fray.core.scheduler.PCTScheduler;
import org.pastalab.fray.core.scheduler.POSScheduler;
import org.pastalab.fray.core.scheduler.RandomScheduler;
import org.pastalab.fray.core.scheduler.Scheduler;
import org.pastalab.fray.runtime.DeadlockException;

/**
 * The benchmark under Fray: one test per program and strategy (random, PCT depth 3, POS), each
 * running Fray from several seeds with a budget of iterations, the way execmodels' {@code BugHunt}
 * runs the property engine. Every run appends one line to the results file: program, strategy,
 * seed, whether the bug was found, the iterations run up to and including the first failure (the
 * budget on a miss) and the wall time of the run.
 *
 * <p>Each run is set up as Fray's own {@code @ConcurrencyTest} extension sets up one (a lambda
 * executor, no class-loader reset, the default timeline coverage), with two changes that a
 * benchmark needs and the annotation does not offer: a seed, so that a run can be repeated (the
 * annotation's randomness is unseeded), and PCT with 2 priority change points, which is depth 3
 * in PCT's terms and in the property engine's {@code withPct(3)} (the annotation's no-argument
 * PCT has 3 change points, depth 4).
 *
 * <p>Settings (system properties): {@code bench.seeds} (default 5), {@code bench.budget} (default
 * 1000), {@code bench.results} (default {@code target/fray-results.tsv}).
 *
 * <p>A test fails when Fray reports something other than the program's own bug (an assertion of
 * the program, or a deadlock): an internal error of Fray or an exception of the harness would
 * otherwise be counted as a find.
 */
class FrayBugHuntTest {
  private static final int SEEDS = Integer.getInteger("bench.seeds", 5);
  private static final int BUDGET = Integer.getInteger("bench.budget", 1_000);
  private static final Path RESULTS =
      Path.of(System.getProperty("bench.results", "target/fray-results.tsv"));
  /** Fray's own limit on one run, in seconds, as its JUnit extension sets it. */
  private static final int TIMEOUT_SECONDS = 600;

  static List<Program> programs() {
    return PlainBugPrograms.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void random(Program program) {
    hunt(program, "random", RandomScheduler::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void pct3(Program program) {
    // 2 change points: depth 3. maxStep 0: Fray learns the run length from the first iteration.
    hunt(program, "PCT d=3", r -> new PCTScheduler(r, 2, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void pos(Program program) {
    hunt(program, "POS", POSScheduler::new);
  }

  private static void hunt(Program program, String strategy,
      Function<Randomness, Scheduler> scheduler) {
    List<String> lines = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      RandomnessProvider randomness = new SeededRandomness(seed);
      Path report = Path.of("target", "fray", "fray-report",
          program.name() + "-" + strategy.replaceAll("[^A-Za-z0-9]", "") + "-" + seed);
      Configuration config = new Configuration(
          new ExecutionInfo(new LambdaExecutor(() -> {
            try {
              program.body().run();
            } catch (InterruptedException e) {
              throw new IllegalStateException(program.name() + " was interrupted", e);
            }
            return Unit.INSTANCE;
          }), false, false, -1),
          report, BUDGET, TIMEOUT_SECONDS, scheduler.apply(randomness.getRandomness()), randomness,
          false, false, true, false, false, false, NetworkDelegateType.NONE,
          SystemTimeDelegateType.NONE, 100_000L, true, false, false, false, false, false,
          TimelineCoverageType.RESOURCE_ORDERING);
      long t0 = System.nanoTime();
      Throwable found = new TestRunner(config).run();
      long nanos = System.nanoTime() - t0;
      if (found != null && !isTheProgramsBug(found)) {
        fail(program.name() + " under " + strategy + " from seed " + seed
            + ": Fray reported a failure that is not the program's bug", found);
      }
      // Fray counts iterations from 0 and stops on the failing one without counting it.
      int iterations = found != null ? config.getCurrentIteration() + 1 : BUDGET;
      lines.add(String.join("\t", program.name(), strategy, Integer.toString(seed),
          found != null ? "yes" : "no", Integer.toString(iterations),
          String.format(Locale.ROOT, "%.3f", nanos / 1e6)));
    }
    append(lines);
  }

  private static boolean isTheProgramsBug(Throwable t) {
    return t instanceof AssertionError || t instanceof DeadlockException;
  }

  private static synchronized void append(List<String> lines) {
    try {
      Files.createDirectories(RESULTS.toAbsolutePath().getParent());
      Files.write(RESULTS, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + RESULTS, e);
    }
  }

  /**
   * Fray's randomness, seeded: each iteration's choices come from a generator seeded by the run's
   * seed, so a run can be repeated.
   */
  private static final class SeededRandomness implements RandomnessProvider {
    private final Random seeds;

    SeededRandomness(long seed) {
      this.seeds = new Random(seed);
    }

    @Override
    public Randomness getRandomness() {
      return new ControlledRandom(new ArrayList<>(), new ArrayList<>(), new Random(seeds.nextLong()));
    }
  }
}
