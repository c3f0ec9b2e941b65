package io.execmodels.gilsim.futures;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@link MapIterator} over futures in input order. A future's value is one result, or, for a
 * process pool's chunks, an array of results that are yielded one by one.
 */
final class OrderedResults<R> implements MapIterator<R> {
  private final ArrayDeque<Future<?>> futures;
  private final boolean chunked;
  private final long deadline;
  private final boolean limited;
  private Iterator<?> chunk;

  OrderedResults(List<? extends Future<?>> futures, boolean chunked, Duration timeout,
      long deadline) {
    this.futures = new ArrayDeque<>(futures);
    this.chunked = chunked;
    this.limited = timeout != null;
    this.deadline = deadline;
  }

  @Override
  public boolean hasNext() {
    return (chunk != null && chunk.hasNext()) || !futures.isEmpty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public R next() {
    while (chunk == null || !chunk.hasNext()) {
      chunk = null;
      Future<?> f = futures.poll();
      if (f == null) {
        throw new NoSuchElementException();
      }
      Object value = await(f);
      if (!chunked) {
        return (R) value;
      }
      chunk = Arrays.asList((Object[]) value).iterator();
    }
    return (R) chunk.next();
  }

  private Object await(Future<?> f) {
    try {
      return f.result(limited ? Duration.ofNanos(Deadlines.left(deadline)) : null);
    } catch (ExecutionException e) {
      close();
      throw new CompletionException(e.getCause());
    } catch (TimeoutException e) {
      close();
      throw new UncheckedTimeoutException("map's timeout passed with results outstanding");
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (CancelledError e) {
      close();
      throw e;
    }
  }

  @Override
  public void close() {
    for (Future<?> f : futures) {
      f.cancel();
    }
    futures.clear();
  }
}
