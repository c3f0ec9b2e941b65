package io.execmodels.multiprocess;

import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.VirtualThreadScheduler;
import java.util.concurrent.ExecutionException;

/**
 * The {@code process-pool} scheduler: tasks are virtual threads in the parent, as in Python, where
 * the code that submits to a {@code ProcessPoolExecutor} runs in the parent; {@link #compute} ships
 * the job to a child JVM of a {@link WorkerPool} and parks the task until the result is back.
 *
 * <p>The pool starts on the first {@code compute}, as {@code ProcessPoolExecutor} starts its
 * workers on demand: a run that never computes starts no JVM. Tasks switch at suspension points
 * and at {@code checkpoint()} ({@link Thread#yield()}); the jobs run in parallel in separate
 * processes, preempted by the OS, hence {@link Traits.Preemption#FULL} and {@link
 * Traits.Memory#ISOLATED}, with the worker count as parallelism.
 */
final class ProcessPoolScheduler extends VirtualThreadScheduler {

  private final PoolOptions options;
  private final Traits traits;
  /** Started by the first {@code compute}; guarded by {@code this}. */
  private WorkerPool pool;

  ProcessPoolScheduler(PoolOptions options) {
    super("the process-pool scheduler", "execmodels-process-pool-timer");
    this.options = options;
    this.traits = new Traits(options.workers(), Traits.Preemption.FULL, Traits.Memory.ISOLATED,
        Integer.MAX_VALUE);
  }

  @Override
  public Traits traits() {
    return traits;
  }

  /**
   * Ships {@code job} to a child and parks until its result is back. The job runs to its end even
   * if the task is cancelled meanwhile; the cancellation is seen at the task's next suspension
   * point. The job's failure is rethrown as is; a dead worker's as {@link BrokenWorkerException}.
   */
  @Override
  public <T> T compute(Job<T> job) throws Exception {
    try {
      return pool().submit(job).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception x) {
        throw x;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private synchronized WorkerPool pool() {
    ensureOpen();
    if (pool == null) {
      pool = WorkerPool.start(options);
    }
    return pool;
  }

  /**
   * The worker pool first, then the fibers (the timers follow). Refusing new work and reading the
   * pool under the lock that starts it: a compute either started the pool, which is stopped here,
   * or is refused.
   */
  @Override
  protected boolean stop(GraceDeadline deadline) {
    WorkerPool p;
    synchronized (this) {
      p = pool;
    }
    boolean poolDone = true;
    if (p != null) {
      // Normally every task has returned and no job is in flight: the children stop at once. A
      // job still running past the grace (its task was cancelled during compute) is killed.
      p.shutdown(false, true);
      try {
        poolDone = p.awaitTermination(deadline.left());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        poolDone = false;
      }
      if (!poolDone) {
        p.shutdownNow();
      }
    }
    return closeFibers(deadline.nanosLeft()) && poolDone;
  }
}
