package io.execmodels.multiprocess;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One task of a pool, from submit to result: its id, its frame (encoded once, at submit) and the
 * future the caller holds. {@code cancel} succeeds only while the task is still queued, as in
 * Python's {@code concurrent.futures}: once a child has it, it runs to its end.
 */
final class PendingTask extends CompletableFuture<Object> {
  final long id;
  final ByteBuffer frame;
  private final WorkerPool pool;

  PendingTask(WorkerPool pool, long id, ByteBuffer frame) {
    this.pool = pool;
    this.id = id;
    this.frame = frame;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return pool.cancelQueued(this) ? super.cancel(false) : isCancelled();
  }

  /** Cancels it whatever its state: for a pool shut down now. */
  void forceCancel() {
    super.cancel(false);
  }
}
