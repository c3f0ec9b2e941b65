package io.execmodels.core.internal;

import com.google.common.util.concurrent.Uninterruptibles;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** How core rethrows the failures it carries from one task to another. */
final class Throwables {
  private Throwables() {}

  /** {@code failure} as something a method declaring {@code throws Exception} can throw. */
  static Exception asException(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    return (Exception) failure;
  }

  /**
   * The result of a done future, or its failure as {@code CompletableFuture.join} throws it. The
   * caller's interrupt status is kept and does not fail the call (a plain {@code get()} of a done
   * Guava future throws when it is set): suspension points ignore interrupts. A cancelled task
   * says which task it was and why it was cancelled.
   */
  static <T> T join(Future<T> done) {
    assert done.isDone();
    try {
      return Uninterruptibles.getUninterruptibly(done);
    } catch (ExecutionException e) {
      throw completion(e.getCause());
    } catch (CancellationException e) {
      if (done instanceof TaskImpl<?> task) {
        throw task.cancellation();
      }
      throw e;
    }
  }

  /** Wraps a failure for an awaiting task, without nesting one completion in another. */
  static CompletionException completion(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    return new CompletionException(cause);
  }

  /** Whether a done future failed or was cancelled; for a task, without retrieving its failure. */
  static boolean failedOrCancelled(Future<?> done) {
    if (done.isCancelled()) {
      return true;
    }
    if (done instanceof TaskImpl<?> task) {
      return task.failure() != null;
    }
    try {
      Uninterruptibles.getUninterruptibly(done);
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }
}
