package io.execmodels.multiprocess;

import java.io.Serializable;

/**
 * A function that can be sent to a child JVM: what {@link WorkerPool#map} and friends apply to
 * each item. A lambda or method reference typed as this is serializable; whatever it captures
 * must be too. Like a Python function, it may throw anything: the failure is the item's.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {

  /**
   * The result for {@code item}.
   *
   * @param item one input item, as deserialized in the child
   * @return the item's result, sent back to the parent
   * @throws Exception any failure, which fails the item
   */
  R apply(T item) throws Exception;
}
