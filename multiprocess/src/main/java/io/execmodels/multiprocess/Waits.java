package io.execmodels.multiprocess;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on a chunk's future the way {@link ResultIterator} promises. */
final class Waits {

  /** A wait with a timeout, as {@link ResultIterator#next(Duration)} is. */
  @FunctionalInterface
  interface Timed<R> {
    R next(Duration timeout) throws TimeoutException, InterruptedException;
  }

  private Waits() {}

  /** The chunk's results, or its failure as a {@link CompletionException}. */
  static Object[] get(CompletableFuture<Object> f, Duration timeout)
      throws TimeoutException, InterruptedException {
    try {
      return (Object[]) f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    }
  }

  /** {@code next} without a timeout; an interrupt becomes a {@link CompletionException}. */
  static <R> R uninterruptibly(Timed<R> next) {
    try {
      return next.next(Duration.ofNanos(Long.MAX_VALUE));
    } catch (TimeoutException e) {
      throw new IllegalStateException("no timeout was set, yet the wait timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }
}
