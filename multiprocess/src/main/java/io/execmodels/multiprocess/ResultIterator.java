package io.execmodels.multiprocess;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Results of {@link WorkerPool#imap} or {@link WorkerPool#imapUnordered}, as they come. One
 * consumer at a time: not thread-safe.
 *
 * <p>{@link #next()} blocks until the next result is there. A failed item throws {@link
 * CompletionException} caused by the item's failure, when iteration reaches it (in input order for
 * {@code imap}, in completion order for {@code imapUnordered}); an interrupt while waiting throws
 * {@link CompletionException} caused by {@link InterruptedException}, with the interrupt status
 * set again.
 *
 * @param <R> the result type
 */
public interface ResultIterator<R> extends Iterator<R> {

  /**
   * The next result, waiting at most {@code timeout} for it.
   *
   * @param timeout how long to wait at most for the next result
   * @return the next result, in the iterator's order (input or completion)
   * @throws TimeoutException if it did not come in time; the iterator stays usable
   * @throws InterruptedException if interrupted while waiting
   * @throws CompletionException caused by the item's failure
   * @throws java.util.NoSuchElementException if there are no more results
   */
  R next(Duration timeout) throws TimeoutException, InterruptedException;
}
