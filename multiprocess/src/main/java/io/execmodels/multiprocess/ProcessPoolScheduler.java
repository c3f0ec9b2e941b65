package io.execmodels.multiprocess;

import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TimerThread;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
final class ProcessPoolScheduler implements Scheduler {

  private static final class VirtualFiber implements Fiber, Runnable {
    private final ProcessPoolScheduler scheduler;
    private final Runnable body;
    private final String name;
    volatile Thread thread;
    volatile boolean woken;

    VirtualFiber(ProcessPoolScheduler scheduler, Runnable body, String name) {
      this.scheduler = scheduler;
      this.body = body;
      this.name = name;
    }

    @Override
    public Runnable body() {
      return body;
    }

    @Override
    public void run() {
      Thread self = Thread.currentThread();
      if (name != null) {
        self.setName(name);
      }
      thread = self;
      CURRENT.set(this);
      body.run();
    }
  }

  private static final ThreadLocal<VirtualFiber> CURRENT = new ThreadLocal<>();

  private final PoolOptions options;
  private final Traits traits;
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("process-pool-", 1).factory());
  private final TimerThread timers = new TimerThread("execmodels-process-pool-timer");
  private WorkerPool pool;
  private boolean shut;

  ProcessPoolScheduler(PoolOptions options) {
    this.options = options;
    this.traits = new Traits(options.workers(), Traits.Preemption.FULL, Traits.Memory.ISOLATED,
        Integer.MAX_VALUE);
  }

  @Override
  public Traits traits() {
    return traits;
  }

  @Override
  public Fiber spawn(Fiber parent, String name, Runnable body) {
    VirtualFiber fiber = new VirtualFiber(this, body, name);
    threads.execute(fiber);
    return fiber;
  }

  @Override
  public Fiber current() {
    VirtualFiber fiber = CURRENT.get();
    return fiber != null && fiber.scheduler == this ? fiber : null;
  }

  @Override
  public void park(Object blocker) {
    VirtualFiber self = CURRENT.get();
    if (!self.woken) {
      LockSupport.park(blocker);
    }
    self.woken = false;
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    VirtualFiber self = CURRENT.get();
    if (!self.woken) {
      LockSupport.parkNanos(blocker, deadlineNanos - System.nanoTime());
    }
    self.woken = false;
  }

  @Override
  public void unpark(Fiber fiber) {
    VirtualFiber f = (VirtualFiber) fiber;
    f.woken = true;
    Thread thread = f.thread;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    return timers.schedule(deadlineNanos, action);
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    return call.call();
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
    if (shut) {
      throw new java.util.concurrent.RejectedExecutionException("process-pool is shut down");
    }
    if (pool == null) {
      pool = WorkerPool.start(options);
    }
    return pool;
  }

  @Override
  public void checkpoint() {
    Thread.yield();
  }

  @Override
  public boolean shutdown(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    WorkerPool p;
    synchronized (this) {
      shut = true;
      p = pool;
    }
    boolean poolDone = true;
    if (p != null) {
      // Normally every task has returned and no job is in flight: the children stop at once. A
      // job still running past the grace (its task was cancelled during compute) is killed.
      p.shutdown(false, true);
      try {
        poolDone = p.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        poolDone = false;
      }
      if (!poolDone) {
        p.shutdownNow();
      }
    }
    boolean timersDone = timers.shutdown(grace);
    threads.shutdown();
    try {
      return threads.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
          && timersDone && poolDone;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
