package io.execmodels.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

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
 * <p>Each stripe's lock spins, then yields, and never parks: its critical sections are a few
 * pointer writes, while a parked virtual thread costs microseconds to unmount, resubmit and mount
 * again, and its waker pays for the resubmission in its unlock. Under a million spawns a second,
 * a {@code ReentrantLock} here parked often enough to show in profiles.
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
  /**
   * Many, because the spawner's add and a finisher's remove meet on a stripe by chance (one in
   * {@code STRIPES} operations), and a meeting costs far more than its critical section whenever
   * the holder's thread loses its core; the walks, which lock every stripe, are rare.
   */
  private static final int STRIPES = Math.min(256,
      Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 32 - 1) << 1);

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
    s.lock();
    try {
      task.livePrev = null;
      task.liveNext = s.head;
      if (s.head != null) {
        s.head.livePrev = task;
      }
      s.head = task;
    } finally {
      s.unlock();
    }
  }

  /** Removes a task that {@link #add} added here; at most once. */
  void remove(TaskImpl<?> task) {
    Stripe s = stripes[task.liveStripe];
    s.lock();
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
      s.unlock();
    }
  }

  /** A copy of the members, each stripe as it was at one moment (the set as a whole is not). */
  List<TaskImpl<?>> snapshot() {
    List<TaskImpl<?>> all = new ArrayList<>();
    for (Stripe s : stripes) {
      s.lock();
      try {
        for (TaskImpl<?> t = s.head; t != null; t = t.liveNext) {
          all.add(t);
        }
      } finally {
        s.unlock();
      }
    }
    return all;
  }

  /**
   * One list and its lock: test-and-test-and-set, spinning briefly, then yielding the thread
   * between tries. The lock is a volatile compare-and-set and the unlock a volatile write: both
   * synchronization actions, as the ordering argument above needs.
   */
  private static final class Stripe {
    private static final int SPINS = 64;
    private static final VarHandle LOCKED;

    static {
      try {
        LOCKED = MethodHandles.lookup().findVarHandle(Stripe.class, "locked", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    TaskImpl<?> head;
    /** 1 while held. */
    @SuppressWarnings("unused") // accessed through LOCKED
    private volatile int locked;

    void lock() {
      for (int tries = 0; !(locked == 0 && LOCKED.compareAndSet(this, 0, 1)); tries++) {
        if (tries < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }

    void unlock() {
      locked = 0;
    }
  }
}
