package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Ctx;
import java.util.ArrayDeque;

/**
 * {@code asyncio.Semaphore}: a counter that {@link #acquire} takes down and {@link #release}
 * puts up, waiters served in FIFO order. {@code release} may raise the value above its start (see
 * {@link BoundedSemaphore} for one that may not). Not thread-safe: for tasks of one model, like
 * asyncio's.
 */
public class Semaphore {
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  int value;

  /**
   * A semaphore holding {@code value} permits.
   *
   * @param value the initial permits; not negative
   * @throws IllegalArgumentException {@code Semaphore initial value must be >= 0} (ValueError)
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("Semaphore initial value must be >= 0, was " + value);
    }
    this.value = value;
  }

  /**
   * Whether {@link #acquire} would wait.
   *
   * @return whether no permit is free now, or others wait for one
   */
  public boolean locked() {
    return value == 0 || waiters.stream().anyMatch(w -> !w.cancelled());
  }

  /**
   * Takes one unit, waiting (a suspension point) while there is none or others wait before.
   *
   * @param ctx the calling task's context
   * @return true, as asyncio's
   * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
   */
  public boolean acquire(Ctx ctx) {
    if (!locked()) {
      value--;
      return true;
    }
    Waiter w = new Waiter(ctx);
    waiters.add(w);
    try {
      try {
        w.await();
      } finally {
        waiters.remove(w);
      }
    } catch (RuntimeException | Error e) {
      if (w.done() && !w.cancelled()) {
        // The unit handed to this task goes back, and on to the next waiter.
        value++;
        wakeUpNext();
      }
      throw e;
    }
    if (value > 0) {
      wakeUpNext();
    }
    return true;
  }

  /** Puts one unit back, waking the first waiter. */
  public void release() {
    value++;
    wakeUpNext();
  }

  private void wakeUpNext() {
    for (Waiter w : waiters) {
      if (!w.done()) {
        value--;
        w.set();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "<asyncio." + getClass().getSimpleName() + " [" + (locked() ? "locked" : "unlocked,"
        + " value:" + value) + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
  }
}
