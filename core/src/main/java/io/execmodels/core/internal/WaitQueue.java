package io.execmodels.core.internal;

/**
 * The waiters of one direction of one channel, first come first served, with O(1) removal of a
 * waiter from anywhere (a select withdraws from every channel but the one that fired). Guarded by
 * the channel's lock.
 */
final class WaitQueue {
  private Waiter head;
  private Waiter tail;

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
  }

  boolean isEmpty() {
    return head == null;
  }
}
