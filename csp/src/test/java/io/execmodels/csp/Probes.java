package io.execmodels.csp;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for events the code under test does not signal itself, bounded on the model's clock. */
final class Probes {
  private Probes() {}

  /**
   * Waits, polling on the model's clock for up to 10 s, until exactly {@code expected} tasks of
   * {@code model} are running (the calling task counts).
   *
   * @return whether that happened in time
   */
  static boolean awaitRunning(ExecutionModel model, Ctx ctx, long expected) {
    return awaitCondition(ctx, () -> model.stats().running() == expected);
  }

  /**
   * Waits, polling on the model's clock for up to 10 s, until exactly {@code expected} tasks of
   * {@code model} are parked (the calling task is not: it is running when it looks).
   *
   * @return whether that happened in time
   */
  static boolean awaitParked(ExecutionModel model, Ctx ctx, long expected) {
    return awaitCondition(ctx, () -> model.stats().parked() == expected);
  }

  private static boolean awaitCondition(Ctx ctx, BooleanSupplier condition) {
    long giveUp = ctx.now() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (ctx.now() - giveUp > 0) {
        return false;
      }
      ctx.sleep(Duration.ofMillis(1));
    }
    return true;
  }

  /** A failure a test throws on purpose, to tell it apart from any other. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom(String label) {
      super(label);
    }
  }
}
