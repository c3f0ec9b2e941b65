package io.execmodels.eventloop;

/**
 * Node's {@code timers/promises}: the loop's timers as {@link Promise}s, which an {@link
 * AbortSignal} can cancel. An aborted wait clears its timer or immediate and rejects with an
 * {@link AbortError} ({@code ABORT_ERR}) whose cause is the signal's reason; a wait started on a
 * signal already aborted rejects at once. As Node's, a wait given a signal settles through a
 * {@code finally} that removes its listener, so its reactions run a little later than a plain
 * timer's would. Loop only.
 */
public final class TimersPromises {
  private TimersPromises() {}

  /**
   * {@code await setTimeout(delay, value, { signal })}; {@code signal} may be {@code null}.
   *
   * @param <T> the type of the value
   * @param loop the loop whose timer it arms
   * @param delayMs how long to wait at least, in milliseconds, bounded as {@link
   *     EventLoop#setTimeout}'s
   * @param value what the promise is fulfilled with; may be null
   * @param signal cancels the wait when aborted; null for none
   * @return a promise fulfilled with {@code value} once the timer fires, or rejected with an {@link
   *     AbortError} if {@code signal} aborts first
   */
  public static <T> Promise<T> setTimeout(EventLoop loop, long delayMs, T value,
      AbortSignal signal) {
    if (signal != null && signal.aborted()) {
      return Promise.reject(loop, AbortError.of(signal));
    }
    Runnable[] removeListener = {null};
    Promise<T> p = Promise.create(loop, (resolve, reject) -> {
      Timeout t = loop.setTimeout(() -> resolve.accept(value), delayMs);
      if (signal != null) {
        removeListener[0] = signal.onAbort(() -> {
          loop.clearTimeout(t);
          reject.accept(AbortError.of(signal));
        });
      }
    });
    return signal == null ? p : p.andFinally(() -> removeListener[0].run());
  }

  /**
   * {@code await setImmediate(value, { signal })}; {@code signal} may be {@code null}.
   *
   * @param <T> the type of the value
   * @param loop the loop whose check phase it waits for
   * @param value what the promise is fulfilled with; may be null
   * @param signal cancels the wait when aborted; null for none
   * @return a promise fulfilled with {@code value} in the check phase, or rejected with an {@link
   *     AbortError} if {@code signal} aborts first
   */
  public static <T> Promise<T> setImmediate(EventLoop loop, T value, AbortSignal signal) {
    if (signal != null && signal.aborted()) {
      return Promise.reject(loop, AbortError.of(signal));
    }
    Runnable[] removeListener = {null};
    Promise<T> p = Promise.create(loop, (resolve, reject) -> {
      Immediate im = loop.setImmediate(() -> resolve.accept(value));
      if (signal != null) {
        removeListener[0] = signal.onAbort(() -> {
          loop.clearImmediate(im);
          reject.accept(AbortError.of(signal));
        });
      }
    });
    return signal == null ? p : p.andFinally(() -> removeListener[0].run());
  }
}
