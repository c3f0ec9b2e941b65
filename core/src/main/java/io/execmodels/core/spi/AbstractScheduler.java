package io.execmodels.core.spi;

import io.execmodels.core.Job;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What most schedulers share, written once: the wall clock, blocking calls and CPU jobs run in
 * place, and the shutdown half of {@link Scheduler}'s contract (once only, refusing new work from
 * then on, one grace for every step). A scheduler extends it, overrides what its model does
 * differently, and puts its own shutdown steps in {@link #stop}.
 *
 * <p>Thread-safe, as far as this class goes.
 */
public abstract class AbstractScheduler implements Scheduler {
  private final String description;
  private final AtomicBoolean shutDown = new AtomicBoolean();

  /**
   * @param description names the scheduler in messages ({@code "the csp scheduler"})
   */
  protected AbstractScheduler(String description) {
    this.description = Objects.requireNonNull(description, "description");
  }

  /** {@link System#nanoTime()}: the wall clock. */
  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  /** Runs the call on the calling fiber's own thread, as a goroutine makes a system call. */
  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    return call.call();
  }

  /** Runs the job on the calling fiber's own thread. */
  @Override
  public <T> T compute(Job<T> job) throws Exception {
    return job.compute();
  }

  /**
   * Marks the scheduler shut down, so that {@link #ensureOpen} refuses from now on, then runs
   * {@link #stop} with the grace as a deadline.
   *
   * @throws IllegalStateException if called a second time: core never does
   */
  @Override
  public final boolean shutdown(Duration grace) {
    if (!shutDown.compareAndSet(false, true)) {
      throw new IllegalStateException(description + " was shut down twice");
    }
    return stop(GraceDeadline.after(grace));
  }

  /**
   * Stops the scheduler's threads, as {@link Scheduler#shutdown} says: waits for its fibers
   * (while timers still fire for those that are finishing), then ends its timers, loops and
   * pools; ends the fibers it can if the deadline passes. Called once, with {@link #isShutDown()}
   * already true.
   *
   * @return whether every thread of the scheduler has ended
   */
  protected abstract boolean stop(GraceDeadline deadline);

  /** Whether {@link #shutdown} has been called. Any thread. */
  protected final boolean isShutDown() {
    return shutDown.get();
  }

  /**
   * Refuses new work once {@link #shutdown} has been called: call it first in {@link #spawn} and
   * {@link #schedule} (unless what they call refuses by itself).
   *
   * @throws RejectedExecutionException if the scheduler is shut down
   */
  protected final void ensureOpen() {
    if (shutDown.get()) {
      throw new RejectedExecutionException(description + " is shut down");
    }
  }
}
