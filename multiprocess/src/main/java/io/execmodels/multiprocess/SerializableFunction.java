package io.execmodels.multiprocess;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A function that can be sent to a child JVM: what {@link WorkerPool#map} and friends apply to
 * each item. A lambda or method reference typed as this is serializable; whatever it captures
 * must be too.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}
