package io.execmodels.gilsim.asyncio;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * {@code asyncio.LifoQueue}: a {@link Queue} that hands out the newest item first. Not
 * thread-safe: for tasks of one model, like asyncio's.
 *
 * @param <T> the items' type
 */
public final class LifoQueue<T> extends Queue<T> {

  /**
   * Holding at most {@code maxsize} items (0 or less: no limit).
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public LifoQueue(int maxsize) {
    super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
  }
}
