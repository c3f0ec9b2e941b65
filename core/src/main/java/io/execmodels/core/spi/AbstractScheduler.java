package io.execmodels.core.spi;

import io.execmodels.core.Job;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What most schedulers share, written once: the wall clock, blocking calls and CPU jobs run in
 * place, timers on a {@link TimerThread}, and the shutdown half of {@link Scheduler}'s contract
 * (once only, refusing new work from then on, one grace for every step, the timers stopped last).
 * A scheduler extends it, overrides what its model does differently, and puts its own shutdown
 * steps in {@link #stop}.
 *
 * <p>Thread-safe, as far as this class goes.
 */
public abstract class AbstractScheduler implements Scheduler {
  private final String description;
  private final TimerThread timers;
  private final AtomicBoolean shutDown = new AtomicBoolean();

  /**
   * For a scheduler whose timers are its own (a loop's, a simulation's): it overrides {@link
   * #schedule}, and stops its timers in {@link #stop}.
   *
   * @param description names the scheduler in messages ({@code "the csp scheduler"})
   */
  protected AbstractScheduler(String description) {
    this.description = Objects.requireNonNull(description, "description");
    this.timers = null;
  }

  /**
   * For a scheduler whose timers run on a {@link TimerThread} named {@code timerThreadName}, which
   * this class owns: {@link #schedule} arms them there, and {@link #shutdown} stops it after
   * {@link #stop}.
   *
   * @param description names the scheduler in messages ({@code "the csp scheduler"})
   * @param timerThreadName the name of the timer thread this class owns
   */
  protected AbstractScheduler(String description, String timerThreadName) {
    this.description = Objects.requireNonNull(description, "description");
    this.timers = new TimerThread(Objects.requireNonNull(timerThreadName, "timerThreadName"));
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
   * Arms a timer on this class's {@link TimerThread}.
   *
   * @throws RejectedExecutionException if the scheduler is shut down
   * @throws IllegalStateException if the scheduler was made without one, and so must override this
   */
  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    ensureOpen();
    return timerThread().schedule(deadlineNanos, action);
  }

  /**
   * The timer thread this class owns, for a scheduler's own use of it (a timed park).
   *
   * @return the timer thread this class owns
   * @throws IllegalStateException if the scheduler was made without one
   */
  protected final TimerThread timerThread() {
    if (timers == null) {
      throw new IllegalStateException(description + " has timers of its own");
    }
    return timers;
  }

  /**
   * Marks the scheduler shut down, so that {@link #ensureOpen} refuses from now on, then runs
   * {@link #stop} with the grace as a deadline, and then stops the timer thread, if this class owns
   * one, with what is left of the grace.
   *
   * @throws IllegalStateException if called a second time: core never does
   */
  @Override
  public final boolean shutdown(Duration grace) {
    if (!shutDown.compareAndSet(false, true)) {
      throw new IllegalStateException(description + " was shut down twice");
    }
    GraceDeadline deadline = GraceDeadline.after(grace);
    boolean stopped = stop(deadline);
    // The timers last: a fiber still finishing during stop may be asleep on one, which must fire.
    return timers == null ? stopped : timers.shutdown(deadline.left()) && stopped;
  }

  /**
   * Stops the scheduler's threads, as {@link Scheduler#shutdown} says: waits for its fibers, then
   * ends its loops and pools (and its own timers, if this class does not own them); ends the
   * fibers it can if the deadline passes. Called once, with {@link #isShutDown()} already true.
   *
   * @param deadline when to stop waiting for the threads (the end of the shutdown grace)
   * @return whether every thread it stopped has ended
   */
  protected abstract boolean stop(GraceDeadline deadline);

  /**
   * Whether {@link #shutdown} has been called. Any thread.
   *
   * @return whether the scheduler is shut down or shutting down
   */
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
