package io.execmodels.gilsim.futures;

import io.execmodels.core.Job;
import io.execmodels.multiprocess.SerializableFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code concurrent.futures.Executor}: runs tasks and hands back {@link Future}s. Implemented by
 * {@link ThreadPoolExecutor} and {@link ProcessPoolExecutor}.
 *
 * <p>Tasks are {@link Job}s and map functions {@link SerializableFunction}s, so that the same
 * lambda goes to either executor; a thread pool never serializes them, so there they may capture
 * anything. All methods are thread-safe; {@link #submit} never waits for a worker.
 *
 * <p><b>Shutdown.</b> After {@link #shutdown}, {@link #submit} throws {@link
 * java.util.concurrent.RejectedExecutionException} with CPython's text {@code "cannot schedule new
 * futures after shutdown"}. {@link #close()} is {@code shutdown(wait=true)}: try-with-resources is
 * Python's {@code with}. Once a shutdown with {@code wait} has returned, no thread or child process
 * of the executor is left.
 */
public interface Executor extends AutoCloseable {

  /** CPython's text for a submit after shutdown. */
  String AFTER_SHUTDOWN = "cannot schedule new futures after shutdown";

  /**
   * Schedules {@code fn}; not blocking.
   *
   * @param <T> the type of the task's result
   * @param fn the task
   * @return the task's future
   * @throws java.util.concurrent.RejectedExecutionException after shutdown
   * @throws BrokenExecutor if the executor is broken
   */
  <T> Future<T> submit(Job<T> fn);

  /**
   * {@code map(fn, items, timeout=timeout, chunksize=chunksize)}: submits every item now and
   * returns their results in input order as they are iterated (see {@link MapIterator}). The
   * timeout ({@code null}: none) counts from this call. Only a process pool uses {@code chunksize}
   * (CPython's thread pool ignores it too).
   *
   * @param <T> the type of the items
   * @param <R> the type of the results
   * @param fn applied to each item, in a worker
   * @param items the inputs, all submitted now
   * @param timeout the time the whole iteration has, from this call; {@code null} for no limit
   * @param chunksize how many items a process pool sends to a child at once (a thread pool
   *     ignores it)
   * @return the results, in input order
   */
  default <T, R> MapIterator<R> map(SerializableFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items, Duration timeout, int chunksize) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(items, "items");
    long deadline = Deadlines.deadline(timeout);
    List<Future<R>> fs = new ArrayList<>();
    for (T item : items) {
      fs.add(submit(() -> fn.apply(item)));
    }
    return new OrderedResults<>(fs, false, timeout, deadline);
  }

  /**
   * {@link #map(SerializableFunction, Iterable, Duration, int)} with no timeout, chunks of 1.
   *
   * @param <T> the type of the items
   * @param <R> the type of the results
   * @param fn applied to each item, in a worker
   * @param items the inputs, all submitted now
   * @return the results, in input order
   */
  default <T, R> MapIterator<R> map(SerializableFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items) {
    return map(fn, items, null, 1);
  }

  /**
   * {@code shutdown(wait, cancel_futures=cancelFutures)}: accepts no more tasks; with {@code
   * cancelFutures}, cancels those not yet started; the others run to their end. With {@code wait},
   * blocks (GIL released) until every worker has ended. Idempotent.
   *
   * @param wait whether to block until every worker has ended
   * @param cancelFutures whether to cancel the tasks not yet started
   */
  void shutdown(boolean wait, boolean cancelFutures);

  /** {@code shutdown(wait=true)}, for try-with-resources: Python's {@code with}. */
  @Override
  default void close() {
    shutdown(true, false);
  }
}
