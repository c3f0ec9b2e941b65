package io.execmodels.gilsim.futures;

import java.util.Iterator;

/**
 * The results of {@link Executor#map}, in input order, as CPython's {@code map} generator yields
 * them. Every task was submitted when {@code map} returned; {@link #next()} waits (GIL released)
 * for the next one.
 *
 * <p>{@link #next()} throws, when iteration reaches the item: {@link
 * java.util.concurrent.CompletionException} caused by the task's exception; {@link
 * CancelledError} if its future was cancelled; {@link
 * com.google.common.util.concurrent.UncheckedTimeoutException} once {@code map}'s timeout,
 * counted from the {@code map} call, has passed; {@link java.util.concurrent.CompletionException}
 * caused by {@link InterruptedException} if interrupted (the interrupt status set again). After any
 * of these, as after {@link #close()}, the tasks not yet done are cancelled (those pending; running
 * ones run to their end), as CPython's generator does when it is closed.
 *
 * <p>Not thread-safe: one consumer.
 *
 * @param <R> the result type
 */
public interface MapIterator<R> extends Iterator<R>, AutoCloseable {

  /** Cancels the tasks whose results were not taken yet. Idempotent. */
  @Override
  void close();
}
