package io.execmodels.gilsim.queue;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * {@code queue.LifoQueue}: a {@link Queue} whose {@code get} takes the item put last. Thread-safe.
 *
 * @param <E> the items
 */
public final class LifoQueue<E> extends Queue<E> {

  /** An unbounded LIFO queue. */
  public LifoQueue() {
    this(0);
  }

  /**
   * A LIFO queue of at most {@code maxsize} items (0 or less: unbounded).
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public LifoQueue(int maxsize) {
    super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
  }
}
