package io.execmodels.eventloop;

/**
 * A timer armed by {@link EventLoop#setTimeout} or {@link EventLoop#setInterval}: Node's {@code
 * Timeout} object. Its methods are called on the loop (from a callback or a task holding the
 * loop's turn) and throw {@link IllegalStateException} elsewhere.
 *
 * <p>A ref'd timer (the default) keeps {@link EventLoop#run} from returning while it is pending;
 * an unref'd one fires if the loop is still running for other reasons, and is dropped otherwise.
 */
public final class Timeout {
  private final EventLoop loop;
  private final Runnable callback;
  private final long delayNanos;
  private final boolean repeat;
  private boolean ref = true;
  private boolean active;
  /** Cleared by {@link #close}: an interval cleared by its own callback is not re-armed. */
  private boolean cleared;
  long deadline;
  long seq;
  /** The list of its duration while armed, and its neighbours there. */
  TimerList list;
  Timeout prev;
  Timeout next;

  Timeout(EventLoop loop, Runnable callback, long delayNanos, boolean repeat) {
    this.loop = loop;
    this.callback = callback;
    this.delayNanos = delayNanos;
    this.repeat = repeat;
  }

  /** Arms it {@code delayNanos} after {@code start}. */
  void arm(long start) {
    deadline = start + delayNanos;
    active = true;
    loop.hooks().addTimeout(this, delayNanos, ref);
  }

  /** Runs it: it has been taken off its list. */
  void fire(EventLoop l) {
    active = false;
    if (ref) {
      l.hooks().unrefHandle();
    }
    // Node re-arms an interval from the start of its callback, so one that overran its period
    // fires once, late, and then keeps its rhythm: no burst of catch-up calls.
    long start = System.nanoTime();
    l.hooks().runCallback(callback);
    if (repeat && !active && !cleared) {
      arm(start);
    }
  }

  /**
   * Makes it keep the loop alive (the default). Idempotent.
   *
   * @return this timer
   */
  public Timeout ref() {
    loop.hooks().checkInLoop();
    if (!ref) {
      ref = true;
      if (active) {
        loop.hooks().refHandle();
      }
    }
    return this;
  }

  /**
   * Makes it stop keeping the loop alive; it still fires while the loop runs. Idempotent.
   *
   * @return this timer
   */
  public Timeout unref() {
    loop.hooks().checkInLoop();
    if (ref) {
      ref = false;
      if (active) {
        loop.hooks().unrefHandle();
      }
    }
    return this;
  }

  /**
   * Whether it keeps the loop alive when armed.
   *
   * @return true if it keeps the loop alive, false after {@link #unref()}
   */
  public boolean hasRef() {
    return ref;
  }

  /**
   * Whether it is armed: not yet fired (a timeout), or not cleared (an interval).
   *
   * @return true while it is armed
   */
  public boolean isActive() {
    return active;
  }

  /**
   * Re-arms it with its delay from now, as Node's {@code refresh()}; also after it fired.
   *
   * @return this timer
   */
  public Timeout refresh() {
    loop.hooks().checkInLoop();
    if (active) {
      loop.hooks().removeTimeout(this, ref);
    }
    cleared = false;
    arm(System.nanoTime());
    return this;
  }

  /** Clears it: it will not fire (again). Idempotent; what {@code clearTimeout} does. */
  public void close() {
    loop.hooks().checkInLoop();
    cleared = true;
    if (active) {
      active = false;
      loop.hooks().removeTimeout(this, ref);
    }
  }
}
