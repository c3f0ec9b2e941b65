package io.execmodels.eventloop.cluster;

import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TaskBody;
import io.execmodels.eventloop.LoopModelScheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * The {@code cluster} model's scheduler: Node's primary and its workers. Tasks run on the
 * primary's event loop, exactly as on the {@code eventloop} model (this delegates everything to
 * its scheduler but {@code compute}); {@code compute} sends the job to the next free worker JVM,
 * which runs it on its own loop (see {@link JobDispatcher}), and parks the task until the reply
 * is back. So the primary's loop stays free while the workers compute, and the jobs of different
 * tasks run in parallel, one per worker.
 *
 * <p>A task cancelled while its job runs sees the cancellation at its next suspension point once
 * the job has ended, as on {@code process-pool}: a job in another process is not interrupted.
 *
 * <p>Traits: parallelism = workers; preemption {@link Traits.Preemption#NONE} (a callback runs to
 * its end on each loop); memory {@link Traits.Memory#ISOLATED} (the jobs share nothing with the
 * primary). Thread-safety: as {@link Scheduler}.
 */
final class ClusterScheduler implements Scheduler {

  private final LoopModelScheduler primary;
  private final JobDispatcher jobs;
  private final Traits traits;
  /** Set when shutdown starts: from then on nothing new starts, as the SPI asks. */
  private volatile boolean shutDown;

  ClusterScheduler(LoopModelScheduler primary, ClusterSettings workers, int size) {
    this.primary = primary;
    this.jobs = new JobDispatcher(primary.loop(), workers, size);
    this.traits = new Traits(size, Traits.Preemption.NONE, Traits.Memory.ISOLATED,
        Integer.MAX_VALUE);
  }

  @Override
  public Traits traits() {
    return traits;
  }

  /**
   * Sends {@code job} to a worker and parks the task until its outcome is back; rethrows the
   * job's failure as is, a dead worker's as a {@code BrokenWorkerException}.
   */
  @Override
  public <T> T compute(Job<T> job) throws Exception {
    Fiber self = primary.current();
    if (self == null) {
      throw new IllegalStateException("compute is called from a task of the cluster model");
    }
    // The task holds the primary's loop turn here, so the dispatcher's loop-only state is its.
    PendingJob p = jobs.submit(job, () -> primary.unpark(self));
    while (!p.isDone()) {
      primary.park(p);
    }
    @SuppressWarnings("unchecked") // the reply to this job carries this job's result
    T value = (T) p.outcome();
    return value;
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    ensureOpen();
    return primary.spawn(parent, body);
  }

  @Override
  public Fiber current() {
    return primary.current();
  }

  @Override
  public void park(Object blocker) {
    primary.park(blocker);
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    primary.parkUntil(blocker, deadlineNanos);
  }

  @Override
  public void unpark(Fiber fiber) {
    primary.unpark(fiber);
  }

  @Override
  public long nanoTime() {
    return primary.nanoTime();
  }

  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    ensureOpen();
    return primary.schedule(deadlineNanos, action);
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    return primary.blocking(call);
  }

  @Override
  public void checkpoint() {
    primary.checkpoint();
  }

  /** The primary loop's figures, and {@code cluster.jobs} and {@code cluster.forks}. */
  @Override
  public Map<String, Long> stats() {
    Map<String, Long> m = new LinkedHashMap<>(primary.stats());
    m.put("cluster.jobs", jobs.completed());
    m.put("cluster.forks", jobs.forks());
    return m;
  }

  /**
   * Closes the workers first (each finishes the job in hand within the disconnect grace, which
   * is the model's shutdown grace, or is killed), while the primary's loop still runs to hear
   * their ends; then the primary's scheduler, with what is left of {@code grace}.
   */
  @Override
  public boolean shutdown(Duration grace) {
    shutDown = true;
    long start = System.nanoTime();
    jobs.close();
    Duration left = grace.minusNanos(System.nanoTime() - start);
    return primary.shutdown(left.isNegative() ? Duration.ZERO : left);
  }

  private void ensureOpen() {
    if (shutDown) {
      throw new RejectedExecutionException("the cluster model is shut down");
    }
  }
}
