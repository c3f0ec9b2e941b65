package io.execmodels.gilsim.asyncio;

import java.util.Comparator;

/**
 * {@code asyncio.PriorityQueue}: a {@link Queue} that hands out the smallest item first (by
 * {@code comparator}, or the items' natural order, as Python compares tuples). Not thread-safe:
 * for tasks of one model, like asyncio's.
 *
 * @param <T> the items' type
 */
public final class PriorityQueue<T> extends Queue<T> {

  /**
   * Holding at most {@code maxsize} items (0 or less: no limit), in natural order.
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public PriorityQueue(int maxsize) {
    this(maxsize, null);
  }

  /**
   * Holding at most {@code maxsize} items (0 or less: no limit), in {@code comparator}'s order.
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   * @param comparator orders the items, least first
   */
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize, new java.util.PriorityQueue<>(comparator));
  }
}
