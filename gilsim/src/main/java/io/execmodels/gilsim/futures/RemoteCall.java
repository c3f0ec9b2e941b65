package io.execmodels.gilsim.futures;

import io.execmodels.core.Job;
import io.execmodels.multiprocess.BrokenWorkerException;
import io.execmodels.multiprocess.WorkerPool;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One task of a {@link ProcessPoolExecutor}: its {@link Future}, and the pool's future once the
 * task is sent. Decides whether a cancel may still withdraw it.
 */
final class RemoteCall<T> {
  private final ProcessPoolExecutor owner;
  private final Job<T> job;
  final Future<T> future;
  // Guarded by this.
  private CompletableFuture<T> sent;
  private boolean withdrawn;

  RemoteCall(ProcessPoolExecutor owner, Job<T> job) {
    this.owner = owner;
    this.job = job;
    this.future = new Future<>(this::withdraw);
  }

  /** Whether the task can still be kept from running: not sent yet, or still queued in the pool. */
  private boolean withdraw() {
    CompletableFuture<T> cf;
    synchronized (this) {
      if (sent == null) {
        withdrawn = true;
        return true;
      }
      cf = sent;
    }
    return cf.cancel(false);
  }

  /** Hands the task to {@code pool} unless it was cancelled first. Never throws. */
  void send(WorkerPool pool) {
    CompletableFuture<T> cf;
    synchronized (this) {
      if (withdrawn) {
        return;
      }
      try {
        cf = pool.submit(job);
      } catch (BrokenWorkerException e) {
        owner.broke(e);
        future.failIfNotDone(new BrokenProcessPool(BrokenProcessPool.TERMINATED_ABRUPTLY, e));
        return;
      } catch (IllegalArgumentException | RejectedExecutionException e) {
        // CPython fails the future when the task does not pickle, rather than the submit.
        future.failIfNotDone(e);
        return;
      }
      sent = cf;
    }
    cf.whenComplete((value, failure) -> complete(value, failure));
  }

  /** Fails the task before it was sent: the pool could not start. */
  void fail(Throwable failure) {
    future.failIfNotDone(failure);
  }

  private void complete(T value, Throwable failure) {
    if (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure == null) {
      future.succeedIfNotDone(value);
    } else if (failure instanceof CancellationException) {
      future.cancelPending();
      // Cancelled by the pool after it was marked running (shutdown with cancelFutures): it
      // never ran, yet a running future cannot be cancelled; fail it as CPython's would be.
      future.failIfNotDone(new CancelledError("cancelled by the pool's shutdown"));
    } else if (failure instanceof BrokenWorkerException broken) {
      owner.broke(broken);
      future.failIfNotDone(new BrokenProcessPool(BrokenProcessPool.TERMINATED_ABRUPTLY, broken));
    } else {
      future.failIfNotDone(failure);
    }
  }
}
