package io.execmodels.eventloop;

/**
 * Every armed {@link Timeout} of one duration, in arming order, as Node keeps them (and runs them:
 * see {@link #expire}): since timers
 * of one duration expire in the order they were armed, the list is a FIFO, and only its first
 * timer need be in the {@link TimerHeap} — the list sits there with that timer's deadline. Arming
 * and clearing cost O(1) (plus O(log d) for d distinct durations when the first timer changes),
 * which keeps a million timers of a few durations cheap. Loop thread only.
 */
final class TimerList extends TimerNode {
  final long duration;
  private final TimerHeap heap;
  private Timeout head;
  private Timeout tail;

  TimerList(long duration, TimerHeap heap) {
    this.duration = duration;
    this.heap = heap;
  }

  boolean isEmpty() {
    return head == null;
  }

  /** Appends {@code t}, armed last (so due last) among this duration's timers. */
  void append(Timeout t) {
    t.list = this;
    t.prev = tail;
    t.next = null;
    if (tail == null) {
      head = t;
      tail = t;
      deadline = t.deadline;
      seq = t.seq;
      heap.add(this);
    } else {
      tail.next = t;
      tail = t;
    }
  }

  /** Unlinks {@code t}, keeping the list's place in the heap that of its first timer. */
  void unlink(Timeout t) {
    boolean first = t == head;
    if (t.prev != null) {
      t.prev.next = t.next;
    } else {
      head = t.next;
    }
    if (t.next != null) {
      t.next.prev = t.prev;
    } else {
      tail = t.prev;
    }
    t.prev = null;
    t.next = null;
    t.list = null;
    if (head == null) {
      heap.remove(this);
    } else if (first) {
      deadline = head.deadline;
      seq = head.seq;
      heap.update(this);
    }
  }

  /**
   * Runs every timer of this list that is due at {@code now}, in arming order, before the loop
   * looks at any other list: Node's {@code listOnTimeout}. So after a long callback, overdue timers
   * fire list by list, in the order of each list's first deadline, not strictly by deadline (a
   * 10 ms timer armed late still fires before an earlier-due 20 ms one once its list is taken).
   * A timer armed by a callback here is due a full duration after {@code now}, so it waits.
   */
  @Override
  void expire(EventLoop loop, long now) {
    do {
      Timeout t = head;
      loop.hooks().timeoutExpired(t);
      t.fire(loop);
    } while (head != null && head.deadline - now <= 0 && !loop.hooks().failedFatally());
  }
}
