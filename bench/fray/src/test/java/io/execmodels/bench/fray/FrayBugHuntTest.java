package io.execmodels.bench.fray;

import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import kotlin.Unit;
import org.junit.jupiter.api.Test;
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
 * otherwise be counted as a find. A control test runs a corrected program, in which Fray must find
 * nothing.
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

  /**
   * The harness's control: the account program with its read and write under one lock has no
   * bug, and Fray must find none in it, so that a find in the benchmark means a bug and not an
   * artefact of the harness or of the instrumented JDK.
   */
  @Test
  void aCorrectProgramHasNoFailureToFind() {
    Program lockedAccount = new Program("locked-account", () -> {
      PlainBugPrograms.Cell balance = new PlainBugPrograms.Cell(100);
      ReentrantLock lock = new ReentrantLock();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread thread = new Thread(() -> {
          lock.lock();
          try {
            int read = balance.value;
            balance.value = read + 10;
          } finally {
            lock.unlock();
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread t : threads) {
        t.join();
      }
      if (balance.value != 120) {
        throw new AssertionError("balance " + balance.value + ", expected 120");
      }
    });
    for (int seed = 1; seed <= 2; seed++) {
      Run run = runFray(lockedAccount, "POS", POSScheduler::new, seed, 200);
      assertNull(run.failure(), "Fray reported a failure in a correct program from seed " + seed);
    }
  }

  private static void hunt(Program program, String strategy,
      Function<Randomness, Scheduler> scheduler) {
    List<String> lines = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      Run run = runFray(program, strategy, scheduler, seed, BUDGET);
      boolean found = run.failure() != null;
      if (found && !isTheProgramsBug(run.failure())) {
        fail(program.name() + " under " + strategy + " from seed " + seed
            + ": Fray reported a failure that is not the program's bug", run.failure());
      }
      lines.add(String.join("\t", program.name(), strategy, Integer.toString(seed),
          found ? "yes" : "no", Integer.toString(found ? run.iterations() : BUDGET),
          String.format(Locale.ROOT, "%.3f", run.nanos() / 1e6)));
    }
    append(lines);
  }

  /**
   * One Fray run.
   *
   * @param failure what Fray reported, or null if the budget ran out without a failure
   * @param iterations the iterations run, up to and including the failing one
   * @param nanos the wall time of the run
   */
  private record Run(Throwable failure, int iterations, long nanos) {}

  private static Run runFray(Program program, String strategy,
      Function<Randomness, Scheduler> scheduler, long seed, int budget) {
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
        report, budget, TIMEOUT_SECONDS, scheduler.apply(randomness.getRandomness()), randomness,
        false, false, true, false, false, false, NetworkDelegateType.NONE,
        SystemTimeDelegateType.NONE, 100_000L, true, false, false, false, false, false,
        TimelineCoverageType.RESOURCE_ORDERING);
    long t0 = System.nanoTime();
    Throwable found = new TestRunner(config).run();
    long nanos = System.nanoTime() - t0;
    // Fray counts iterations from 0 and stops on the failing one without counting it.
    return new Run(found, config.getCurrentIteration() + 1, nanos);
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
