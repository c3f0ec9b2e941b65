package io.execmodels.eventloop;

/**
 * A callback queued by {@link EventLoop#setImmediate}: Node's {@code Immediate}. It runs in the
 * check phase of the loop's next turn, after I/O. Its methods are called on the loop and throw
 * {@link IllegalStateException} elsewhere. A ref'd immediate (the default) keeps the loop alive.
 */
public final class Immediate {
  private final EventLoop loop;
  final Runnable callback;
  boolean ref = true;
  boolean pending = true;

  Immediate(EventLoop loop, Runnable callback) {
    this.loop = loop;
    this.callback = callback;
  }

  /**
   * Makes it keep the loop alive (the default). Idempotent.
   *
   * @return this immediate
   */
  public Immediate ref() {
    loop.hooks().checkInLoop();
    if (!ref) {
      ref = true;
      if (pending) {
        loop.hooks().refHandle();
      }
    }
    return this;
  }

  /**
   * Makes it stop keeping the loop alive. Idempotent.
   *
   * @return this immediate
   */
  public Immediate unref() {
    loop.hooks().checkInLoop();
    if (ref) {
      ref = false;
      if (pending) {
        loop.hooks().unrefHandle();
      }
    }
    return this;
  }

  /**
   * Whether it keeps the loop alive while pending.
   *
   * @return true if it keeps the loop alive, false after {@link #unref()}
   */
  public boolean hasRef() {
    return ref;
  }

  /** Cancels it if it has not run; what {@code clearImmediate} does. Idempotent. */
  public void close() {
    loop.hooks().checkInLoop();
    if (pending) {
      pending = false;
      if (ref) {
        loop.hooks().unrefHandle();
      }
    }
  }
}
