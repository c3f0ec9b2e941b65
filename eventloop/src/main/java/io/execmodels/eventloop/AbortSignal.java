package io.execmodels.eventloop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Node's {@code AbortSignal}: tells operations that their work is no longer wanted. It is
 * aborted once, with a reason; {@link #onAbort} listeners then run at once, in the order they
 * were added, inside the {@link AbortController#abort} call (Node's synchronous {@code abort}
 * event). A listener added after the abort is not called, as in Node. Loop only, like the rest
 * of the loop's objects.
 */
public final class AbortSignal {
  private final EventLoop loop;
  private final List<Runnable> listeners = new ArrayList<>();
  private boolean aborted;
  private RuntimeException reason;

  AbortSignal(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Node's {@code AbortSignal.abort(reason)}: a signal aborted already. Loop only.
   *
   * @param loop the loop the signal belongs to
   * @param reason why it is aborted; null for an {@link AbortError}, as Node's default reason
   * @return a signal already aborted
   */
  public static AbortSignal abort(EventLoop loop, RuntimeException reason) {
    loop.hooks().checkInLoop();
    AbortSignal s = new AbortSignal(loop);
    s.abortWith(reason != null ? reason : AbortError.aborted());
    return s;
  }

  /**
   * Node's {@code AbortSignal.timeout(ms)}: aborted with a {@code TimeoutError} after {@code
   * delayMs}. Its timer is unref'd: it does not keep the loop alive. Loop only.
   *
   * @param loop the loop whose timer aborts it
   * @param delayMs how long until it aborts, in milliseconds, bounded as {@link
   *     EventLoop#setTimeout}'s
   * @return a signal not aborted yet
   */
  public static AbortSignal timeout(EventLoop loop, long delayMs) {
    AbortSignal s = new AbortSignal(loop);
    loop.setTimeout(() -> s.abortWith(AbortError.timedOut()), delayMs).unref();
    return s;
  }

  /**
   * Whether it is aborted.
   *
   * @return true once aborted
   */
  public boolean aborted() {
    return aborted;
  }

  /**
   * Why it was aborted, or {@code null} while it is not.
   *
   * @return the reason, or null while not aborted
   */
  public RuntimeException reason() {
    return reason;
  }

  /** Throws {@link #reason()} if it is aborted: Node's {@code signal.throwIfAborted()}. */
  public void throwIfAborted() {
    if (aborted) {
      throw reason;
    }
  }

  /**
   * Adds a listener for the abort ({@code signal.addEventListener('abort', f)}); returns what
   * removes it ({@code removeEventListener}). Loop only.
   *
   * @param listener run once, on the loop, when the signal aborts; not null
   * @return a function that removes one registration of the listener, if still there
   */
  public Runnable onAbort(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    loop.hooks().checkInLoop();
    if (!aborted) {
      listeners.add(listener);
    }
    return () -> listeners.remove(listener);
  }

  /** Aborts it, once, and runs the listeners; a listener's failure is the loop's uncaught one. */
  void abortWith(RuntimeException why) {
    loop.hooks().checkInLoop();
    if (aborted) {
      return;
    }
    aborted = true;
    reason = why;
    List<Runnable> toRun = List.copyOf(listeners);
    listeners.clear();
    for (Runnable l : toRun) {
      loop.hooks().runGuarded(l);
    }
  }
}
