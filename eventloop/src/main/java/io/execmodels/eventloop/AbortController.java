package io.execmodels.eventloop;

/**
 * Node's {@code AbortController}: owns an {@link AbortSignal} and aborts it. Loop only.
 */
public final class AbortController {
  private final AbortSignal signal;

  /**
   * A controller with a fresh signal on {@code loop}.
   *
   * @param loop the loop the signal belongs to
   */
  public AbortController(EventLoop loop) {
    loop.hooks().checkInLoop();
    this.signal = new AbortSignal(loop);
  }

  /**
   * The signal it aborts.
   *
   * @return its signal, the same one every call
   */
  public AbortSignal signal() {
    return signal;
  }

  /** Aborts the signal with an {@code AbortError} ("This operation was aborted"); once only. */
  public void abort() {
    signal.abortWith(AbortError.aborted());
  }

  /**
   * Aborts the signal with {@code reason}; once only (a later call does nothing).
   *
   * @param reason why it is aborted; null for an {@link AbortError}, as Node's default reason
   */
  public void abort(RuntimeException reason) {
    signal.abortWith(reason != null ? reason : AbortError.aborted());
  }
}
