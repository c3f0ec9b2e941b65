package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.fail;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, from a task, for an event the code under test does not signal itself (a counterpart has
 * parked, a log record has come), polling on the model's clock and failing the rule, with what it
 * waited for, if the event has not come within {@link #BOUND}. A rule waits for the event this way
 * instead of sleeping and hoping it has happened.
 */
final class Probe {

  /** How long a probe waits before it fails the rule: long enough for any loaded machine. */
  static final Duration BOUND = Duration.ofSeconds(10);

  private Probe() {}

  /**
   * Waits until at least {@code parked} tasks of {@code model} are parked (the calling task is
   * not: it is running when it looks).
   */
  static void awaitParked(ExecutionModel model, Ctx ctx, long parked, String what) {
    await(ctx, () -> model.stats().parked() >= parked, what + " (" + parked + " tasks parked)");
  }

  /** Waits until at most {@code running} tasks of {@code model} run (the calling one counts). */
  static void awaitRunning(ExecutionModel model, Ctx ctx, long running, String what) {
    await(ctx, () -> model.stats().running() <= running,
        what + " (at most " + running + " tasks running)");
  }

  /** Waits until {@code condition} holds. */
  static void await(Ctx ctx, BooleanSupplier condition, String what) {
    long giveUp = ctx.now() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (ctx.now() - giveUp > 0) {
        fail("waited " + BOUND + " for this, which never happened: " + what);
      }
      ctx.sleep(Duration.ofMillis(1));
    }
  }
}
