package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Ctx;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code asyncio.Event}: a flag tasks can wait for. {@link #set} wakes every waiter. Not
 * thread-safe: for tasks of one model, like asyncio's.
 */
public final class Event {
  private final List<Waiter> waiters = new ArrayList<>();
  private boolean value;

  /** A cleared event. */
  public Event() {}

  /**
   * Whether the flag is set.
   *
   * @return whether the flag is set
   */
  public boolean isSet() {
    return value;
  }

  /** Sets the flag and wakes every task waiting for it. */
  public void set() {
    if (!value) {
      value = true;
      for (Waiter w : waiters) {
        w.set();
      }
    }
  }

  /** Clears the flag. */
  public void clear() {
    value = false;
  }

  /**
   * Waits until the flag is set (returns at once if it is). A suspension point when it waits.
   *
   * @param ctx the calling task's context
   * @return true, as asyncio's
   * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
   */
  public boolean await(Ctx ctx) {
    if (value) {
      return true;
    }
    Waiter w = new Waiter(ctx);
    waiters.add(w);
    try {
      w.await();
      return true;
    } finally {
      waiters.remove(w);
    }
  }

  @Override
  public String toString() {
    return "<asyncio.Event [" + (value ? "set" : "unset")
        + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
  }
}
