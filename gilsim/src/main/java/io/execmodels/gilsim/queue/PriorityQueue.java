package io.execmodels.gilsim.queue;

import java.util.Comparator;

/**
 * {@code queue.PriorityQueue}: a {@link Queue} whose {@code get} takes the least item, by {@code
 * comparator} or by natural order. Like CPython's heap, it is not stable: equal items come out in
 * no promised order. The comparator runs under the queue's own lock: it must not wait (for a
 * threading lock, say), which could deadlock with the GIL. Thread-safe.
 *
 * @param <E> the items
 */
public final class PriorityQueue<E> extends Queue<E> {

  /** An unbounded queue of {@link Comparable} items, least first. */
  public PriorityQueue() {
    this(0, null);
  }

  /**
   * A queue of at most {@code maxsize} items (0 or less: unbounded), least first by {@code
   * comparator} ({@code null}: natural order).
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   * @param comparator orders the items, least first; {@code null} for natural order
   */
  public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
    super(maxsize, new java.util.PriorityQueue<>(comparator));
  }
}
