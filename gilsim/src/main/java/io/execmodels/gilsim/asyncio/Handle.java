package io.execmodels.gilsim.asyncio;

import io.execmodels.core.spi.Cancellable;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback queued on a {@link Loop}: asyncio's {@code Handle} (from {@code call_soon}) or {@code
 * TimerHandle} (from {@code call_later} / {@code call_at}, with a {@link #when()}).
 *
 * <p>{@link #cancel()} is safe from any thread; a handle cancelled before the loop reaches it
 * never runs. A handle runs at most once.
 */
public final class Handle implements Cancellable, Runnable {
  /** Earliest first; equal deadlines in the order armed (asyncio leaves that order open). */
  static final Comparator<Handle> BY_WHEN =
      Comparator.<Handle>comparingLong(h -> h.whenNanos).thenComparingLong(h -> h.seq);

  final Runnable callback;
  /** The deadline in the loop's nanoseconds, for a timer; unused otherwise. */
  final long whenNanos;
  final boolean timer;
  long seq;
  /** {@link #PENDING}, {@link #CANCELLED} or {@link #RAN}: a handle runs or is cancelled, once. */
  private final AtomicInteger state = new AtomicInteger();

  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int RAN = 2;

  Handle(Runnable callback, long whenNanos, boolean timer) {
    this.callback = Objects.requireNonNull(callback, "callback");
    this.whenNanos = whenNanos;
    this.timer = timer;
  }

  /**
   * Whether {@link #cancel()} was called. Any thread.
   *
   * @return whether it was cancelled
   */
  public boolean cancelled() {
    return state.get() == CANCELLED;
  }

  /** Claims the handle for running: false if it was cancelled or has run. */
  boolean claim() {
    return state.compareAndSet(PENDING, RAN);
  }

  /**
   * What the loop does with the handle: runs the callback in the calling thread, unless it was
   * cancelled or has run already. The callback's exception propagates.
   */
  @Override
  public void run() {
    if (claim()) {
      callback.run();
    }
  }

  /**
   * Cancels the callback if it has not started yet. Any thread; idempotent.
   *
   * @return whether this call prevented it from running (false if it was cancelled already or
   *     has started)
   */
  @Override
  public boolean cancel() {
    return state.compareAndSet(PENDING, CANCELLED);
  }

  /**
   * For a timer handle, its deadline on the loop's clock ({@link Loop#time()}, seconds).
   *
   * @return the timer's deadline, in the loop's seconds
   * @throws IllegalStateException for a handle of {@code callSoon}, as asyncio's {@code Handle}
   *     has no {@code when()}
   */
  public double when() {
    if (!timer) {
      throw new IllegalStateException("a call_soon handle has no deadline");
    }
    return whenNanos / 1e9;
  }

  @Override
  public String toString() {
    return "<" + (timer ? "TimerHandle" : "Handle") + (cancelled() ? " cancelled" : "")
        + (timer ? " when=" + when() : "") + " " + callback + ">";
  }
}
