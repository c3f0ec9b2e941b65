package io.execmodels.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The waiters of one direction of one channel, first come first served, with O(1) removal of a
 * waiter from anywhere (a select withdraws from every channel but the one that fired). Changed only
 * under the channel's lock; its {@link #count()} may be read without it.
 */
final class WaitQueue {
  private static final VarHandle COUNT;

  static {
    try {
      COUNT = MethodHandles.lookup().findVarHandle(WaitQueue.class, "count", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Waiter head;
  private Waiter tail;
  /** How many waiters are queued, for readers that do not hold the lock. */
  @SuppressWarnings("unused") // accessed through COUNT
  private volatile int count;

  void add(Waiter w) {
    w.prev = tail;
    w.next = null;
    if (tail == null) {
      head = w;
    } else {
      tail.next = w;
    }
    tail = w;
    w.queued = true;
    // Volatile: the store half of BufferedChannel's no-lost-wake-up argument. It must be ordered
    // before the waiter's own next look at the ring, which a release store would not be.
    COUNT.setVolatile(this, (int) COUNT.get(this) + 1);
    assert countMatchesQueue();
  }

  /** Removes and returns the oldest waiter, or {@code null}. */
  Waiter poll() {
    Waiter w = head;
    if (w != null) {
      remove(w);
    }
    return w;
  }

  /** Removes {@code w} if it is still queued here. */
  void remove(Waiter w) {
    if (!w.queued) {
      return;
    }
    if (w.prev == null) {
      head = w.next;
    } else {
      w.prev.next = w.next;
    }
    if (w.next == null) {
      tail = w.prev;
    } else {
      w.next.prev = w.prev;
    }
    w.prev = null;
    w.next = null;
    w.queued = false;
    // Release is enough: a reader that sees the old count only takes the lock for nothing.
    COUNT.setRelease(this, (int) COUNT.get(this) - 1);
    assert countMatchesQueue();
  }

  /** The count says how many are queued, as far as one look tells: none exactly when empty. */
  private boolean countMatchesQueue() {
    int n = (int) COUNT.get(this);
    return n >= 0 && (n == 0) == (head == null);
  }

  /** How many waiters are queued; read without the lock, so possibly stale. */
  int count() {
    return count;
  }
}
