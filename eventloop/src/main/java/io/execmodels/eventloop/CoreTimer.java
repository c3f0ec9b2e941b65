package io.execmodels.eventloop;

import io.execmodels.core.spi.Cancellable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A timer core arms through {@link LoopScheduler#schedule}: unref'd (the model keeps its loop
 * alive by other means), cancellable from any thread, and run at most once, as a timers-phase
 * callback. Armed from another thread it enters the heap through the loop's submission queue.
 */
final class CoreTimer extends TimerNode implements Cancellable {
  private static final int PENDING = 0;
  private static final int FIRED = 1;
  private static final int CANCELLED = 2;

  private final EventLoop loop;
  private final Runnable action;
  private final AtomicInteger state = new AtomicInteger(PENDING);

  CoreTimer(EventLoop loop, long deadlineNanos, Runnable action) {
    this.loop = loop;
    this.deadline = deadlineNanos;
    this.action = action;
  }

  void arm() {
    if (loop.inLoop()) {
      loop.hooks().addTimer(this, false);
    } else {
      loop.execute(() -> {
        if (state.get() == PENDING) {
          loop.hooks().addTimer(this, false);
        }
      });
    }
  }

  @Override
  void expire(EventLoop l, long now) {
    l.hooks().removeTimer(this, false);
    if (state.compareAndSet(PENDING, FIRED)) {
      l.hooks().runCallback(action);
    }
  }

  @Override
  public boolean cancel() {
    if (!state.compareAndSet(PENDING, CANCELLED)) {
      return false;
    }
    if (loop.inLoop()) {
      loop.hooks().removeTimer(this, false);
    } else {
      try {
        loop.execute(() -> loop.hooks().removeTimer(this, false));
      } catch (RejectedExecutionException closed) {
        // A closed loop fires nothing: the flag alone keeps the action from running.
      }
    }
    return true;
  }
}
