package io.execmodels.gilsim.futures;

import io.execmodels.core.Job;

/** A task and its future in a thread pool's queue. */
final class WorkItem<T> {
  /** Tells a worker that the pool is shut down: it passes it on and ends. */
  static final WorkItem<Void> SHUTDOWN = new WorkItem<>(null, null);

  final Future<T> future;
  private final Job<T> job;

  WorkItem(Future<T> future, Job<T> job) {
    this.future = future;
    this.job = job;
  }

  /** Runs the task unless its future was cancelled meanwhile. */
  void run() {
    if (!future.setRunningOrNotifyCancel()) {
      return;
    }
    T value;
    try {
      value = job.compute();
    } catch (Throwable t) {
      // CPython catches BaseException here: whatever the task throws is its future's, and the
      // worker goes on.
      future.setException(t);
      return;
    }
    future.setResult(value);
  }
}
