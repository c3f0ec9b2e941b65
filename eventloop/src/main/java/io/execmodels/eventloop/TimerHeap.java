package io.execmodels.eventloop;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by (deadline, arming order): O(log n) to add, remove and
 * take the next, O(1) to peek. Each entry knows its index, so clearing one costs O(log n) and
 * leaves nothing behind. Its entries are core's timers and Node's per-duration {@link
 * TimerList}s. Loop thread only.
 */
final class TimerHeap {
  private TimerNode[] heap = new TimerNode[64];
  private int size;

  int size() {
    return size;
  }

  TimerNode peek() {
    return size == 0 ? null : heap[0];
  }

  /** Adds {@code t}, whose deadline and arming order are set. */
  void add(TimerNode t) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = t;
    t.index = size;
    size++;
    up(t.index);
  }

  TimerNode poll() {
    if (size == 0) {
      return null;
    }
    TimerNode top = heap[0];
    removeAt(0);
    return top;
  }

  /** Moves {@code t}, in the heap, to where its deadline (changed) now puts it. */
  void update(TimerNode t) {
    int i = t.index;
    down(i);
    if (heap[i] == t) {
      up(i);
    }
  }

  /** Removes {@code t} if it is in this heap; returns whether it was. */
  boolean remove(TimerNode t) {
    int i = t.index;
    if (i < 0 || i >= size || heap[i] != t) {
      return false;
    }
    removeAt(i);
    return true;
  }

  private void removeAt(int i) {
    TimerNode gone = heap[i];
    gone.index = -1;
    size--;
    if (i == size) {
      heap[size] = null;
      return;
    }
    TimerNode last = heap[size];
    heap[size] = null;
    heap[i] = last;
    last.index = i;
    down(i);
    if (heap[i] == last) {
      up(i);
    }
  }

  private static boolean less(TimerNode a, TimerNode b) {
    return a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq);
  }

  private void up(int i) {
    TimerNode t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerNode p = heap[parent];
      if (!less(t, p)) {
        break;
      }
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = t;
    t.index = i;
  }

  private void down(int i) {
    TimerNode t = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(heap[right], heap[child])) {
        child = right;
      }
      if (!less(heap[child], t)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].index = i;
      i = child;
    }
    heap[i] = t;
    t.index = i;
  }
}
