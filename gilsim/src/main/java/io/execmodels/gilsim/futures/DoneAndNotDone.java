package io.execmodels.gilsim.futures;

import java.util.Set;

/**
 * What {@link Futures#wait} returns, CPython's {@code DoneAndNotDoneFutures}: the futures done
 * (finished or cancelled) when it returned, and the others. Both sets are unmodifiable and keep
 * the order the futures were given in.
 *
 * @param done the futures done
 * @param notDone the futures still pending or running
 * @param <T> the futures' result type
 */
public record DoneAndNotDone<T>(Set<Future<T>> done, Set<Future<T>> notDone) {}
