package io.execmodels.multiprocess;

/** What a {@link WorkerPool} does when a worker process dies unexpectedly while it serves. */
public enum WorkerDeathPolicy {
  /**
   * Python's {@code ProcessPoolExecutor}: the pool is broken. Every running and queued task fails
   * with {@link BrokenWorkerException}, the other workers are killed, and {@code submit} throws.
   */
  BREAK_POOL,
  /**
   * Only the tasks the dead worker held fail with {@link BrokenWorkerException}; a new worker
   * replaces it and the pool goes on. (Python's {@code multiprocessing.Pool} replaces the worker
   * too, but loses the task: its result never arrives. Here it fails.)
   */
  REPLACE
}
