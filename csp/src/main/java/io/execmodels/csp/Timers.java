package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import java.time.Duration;

/**
 * Go's {@code time} package functions that make timers: {@link #after}, {@link #afterFunc},
 * {@link #newTimer} and {@link #newTicker}, on the model's clock ({@link Ctx#now()}, virtual under
 * simulation).
 *
 * <p>Each pending timer or ticker is a task of the calling task's run, sleeping ({@link
 * Ctx#spawn} and {@link Ctx#sleep}); stopping it cancels that task, and the run cancels any still
 * pending when it ends. None of these functions is a suspension point. See {@link Timer} and {@link
 * Ticker} for what remains different from Go.
 */
public final class Timers {
  private Timers() {}

  /**
   * A channel that receives {@link Ctx#now()} once, {@code d} from now ({@code time.After(d)}).
   * Buffered (capacity 1): the timer never waits for a receiver. It cannot be stopped; use {@link
   * #newTimer} for that.
   *
   * @param ctx the calling task's context
   * @param d how long from now until it fires, on the model's clock; zero or negative fires at once
   * @return the channel that receives the time once
   */
  public static Channel<Long> after(Ctx ctx, Duration d) {
    return newTimer(ctx, d).channel();
  }

  /**
   * A timer that sends {@link Ctx#now()} on its {@link Timer#channel()} once, {@code d} from now
   * ({@code time.NewTimer(d)}). A zero or negative {@code d} fires at once.
   *
   * @param ctx the calling task's context
   * @param d how long from now until it fires, on the model's clock; zero or negative fires at once
   * @return the started timer
   */
  public static Timer newTimer(Ctx ctx, Duration d) {
    return Timer.start(ctx, d, ctx.channel(1), null);
  }

  /**
   * A timer that runs {@code body} in a new detached task ({@link Ctx#go}), {@code d} from now
   * ({@code time.AfterFunc(d, f)}). As in Go, the body's failure is a panic: it ends the run under
   * the model's default unhandled-failure policy. Its {@link Timer#channel()} is {@code null}.
   *
   * @param ctx the calling task's context
   * @param d how long from now until it fires, on the model's clock; zero or negative fires at once
   * @param body what the new task runs
   * @return the started timer; stopping it before it fires keeps {@code body} from running
   */
  public static Timer afterFunc(Ctx ctx, Duration d, GoFunc body) {
    return Timer.start(ctx, d, null, body);
  }

  /**
   * A ticker that sends {@link Ctx#now()} on its {@link Ticker#channel()} every {@code period}
   * ({@code time.NewTicker(d)}).
   *
   * @param ctx the calling task's context
   * @param period the time between ticks, on the model's clock; positive
   * @return the started ticker
   * @throws IllegalArgumentException if {@code period} is zero or negative (Go panics)
   */
  public static Ticker newTicker(Ctx ctx, Duration period) {
    return Ticker.start(ctx, period);
  }
}
