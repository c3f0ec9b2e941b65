package io.execmodels.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tasks of one run scope that have started and not yet ended: what a cancel, a deadlock report
 * or a leak report walks.
 *
 * <p>Every spawn adds a task and every task end removes it, so these two must be cheap and must
 * not contend; the walks are rare. Hence: the set is striped, each stripe an intrusive doubly
 * linked list threaded through the tasks themselves ({@code liveNext}, {@code livePrev}), so
 * adding and removing allocate nothing and cost one lock that is rarely contended. A task goes to
 * the stripe its id picks, and remembers it for its removal.
 *
 * <p>A walk copies each stripe under its lock and acts on the copy after unlocking: what it does
 * to a task (cancel it, which runs listeners, which may spawn) may add to or remove from the very
 * stripe it walks.
 *
 * <p>Ordering: {@link #add} releases a stripe lock, and a walk acquires it. A spawner that adds and
 * then reads a volatile stop flag, and a canceller that writes the flag and then walks, are both
 * sequences of synchronization actions, so one of them sees the other (see {@code
 * ModelRuntime.start}).
 */
final class LiveSet {
  private static final int STRIPES =
      Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;

  private final Stripe[] stripes = new Stripe[STRIPES];

  LiveSet() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Adds a task that is in no live set. */
  void add(TaskImpl<?> task) {
    // By task, not by spawning thread: one task often spawns them all, and the tasks end on
    // other threads; consecutive ids take the stripes in turn.
    int i = (int) task.id & (STRIPES - 1);
    task.liveStripe = i;
    Stripe s = stripes[i];
    s.lock.lock();
    try {
      task.livePrev = null;
      task.liveNext = s.head;
      if (s.head != null) {
        s.head.livePrev = task;
      }
      s.head = task;
    } finally {
      s.lock.unlock();
    }
  }

  /** Removes a task that {@link #add} added here; at most once. */
  void remove(TaskImpl<?> task) {
    Stripe s = stripes[task.liveStripe];
    s.lock.lock();
    try {
      if (task.livePrev == null) {
        s.head = task.liveNext;
      } else {
        task.livePrev.liveNext = task.liveNext;
      }
      if (task.liveNext != null) {
        task.liveNext.livePrev = task.livePrev;
      }
      task.livePrev = null;
      task.liveNext = null;
    } finally {
      s.lock.unlock();
    }
  }

  /** A copy of the members, each stripe as it was at one moment (the set as a whole is not). */
  List<TaskImpl<?>> snapshot() {
    List<TaskImpl<?>> all = new ArrayList<>();
    for (Stripe s : stripes) {
      s.lock.lock();
      try {
        for (TaskImpl<?> t = s.head; t != null; t = t.liveNext) {
          all.add(t);
        }
      } finally {
        s.lock.unlock();
      }
    }
    return all;
  }

  /** One list and its lock. */
  private static final class Stripe {
    final ReentrantLock lock = new ReentrantLock();
    TaskImpl<?> head;
  }
}
