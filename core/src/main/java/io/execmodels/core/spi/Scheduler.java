package io.execmodels.core.spi;

import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * What a model implements: how tasks start, park and wake, its clock, and what blocking calls, CPU
 * jobs and checkpoints mean on it. Core builds everything else on these operations (see the
 * package comment), and calls them under these rules:
 *
 * <ul>
 *   <li><b>Park and unpark.</b> Core parks a fiber only from that fiber, and always in a loop that
 *       re-checks its condition, so {@link #park} may return spuriously. Before calling {@link
 *       #unpark}, the waker publishes the condition (a volatile write or a lock), so a wake-up that
 *       arrives before the park, or before the fiber has even started, need not be remembered: the
 *       fiber will see the condition when it checks. A wake-up that arrives while the fiber is
 *       parked, or between its check and its park, must end that park.
 *   <li><b>Bodies.</b> A body given to {@link #spawn} never throws: core catches everything. The
 *       scheduler runs each body exactly once, unless {@link #spawn} threw.
 *   <li><b>Shutdown.</b> Core calls {@link #shutdown} exactly once per scheduler, from the model's
 *       {@code close()} ({@code shutdownNow()} ends in it too), once no task can be started from
 *       outside the model any more. Normally every body has returned by then. If the shutdown
 *       grace expired first (a task that never reaches a suspension point, or {@code
 *       shutdownNow()}), core has cancelled every remaining task, but their bodies may still run,
 *       and even call {@link #spawn} or {@link #schedule}: the scheduler stops its threads all the
 *       same, ends the fibers it can, and answers {@code false} if any of its threads is still
 *       alive. From the moment {@link #shutdown} is called, {@link #spawn} and {@link #schedule}
 *       throw {@link RejectedExecutionException}; timers armed before may still fire while the
 *       scheduler waits for its fibers, none once it has returned.
 * </ul>
 *
 * <p>Implementations are thread-safe. {@link AbstractScheduler} has what most of them share.
 */
public interface Scheduler {

  /**
   * What this model promises; constant for the scheduler's life.
   *
   * @return the model's traits
   */
  Traits traits();

  /**
   * Starts a fiber running {@code body}. Not a suspension point: the body may start before or after
   * this returns. Name the fiber's thread, if it has one, {@link TaskBody#givenName()} when that is
   * not {@code null}.
   *
   * @param parent the spawning fiber, or {@code null} when spawned from outside the model
   * @param body what the fiber runs; the fiber's {@link Fiber#body()}
   * @return the new fiber
   * @throws RejectedExecutionException if the scheduler is shut down
   */
  Fiber spawn(Fiber parent, TaskBody body);

  /**
   * The fiber running the calling code, or {@code null} if it is not a fiber of this scheduler.
   *
   * @return the calling fiber, or {@code null} outside this scheduler's fibers
   */
  Fiber current();

  /**
   * Parks the current fiber until {@link #unpark}ed (or spuriously). Called only by a fiber on
   * itself.
   *
   * @param blocker what it waits for, for diagnostics
   */
  void park(Object blocker);

  /**
   * Parks the current fiber until {@link #unpark}ed, until {@code deadlineNanos} of {@link
   * #nanoTime()} has passed, or spuriously. Called only by a fiber on itself. The default arms a
   * timer that unparks the fiber; a model with a cheaper timed park (a virtual thread's {@code
   * parkNanos}) overrides it.
   *
   * @param blocker what it waits for, for diagnostics
   * @param deadlineNanos when to stop waiting, a value of {@link #nanoTime()}
   */
  default void parkUntil(Object blocker, long deadlineNanos) {
    Fiber self = current();
    Cancellable timer = schedule(deadlineNanos, () -> unpark(self));
    try {
      park(blocker);
    } finally {
      timer.cancel();
    }
  }

  /**
   * Wakes {@code fiber} from its current or next park (see the class comment). Any thread.
   *
   * @param fiber a fiber of this scheduler
   */
  void unpark(Fiber fiber);

  /**
   * The model's monotonic clock, in nanoseconds (virtual under simulation).
   *
   * @return the clock now, in nanoseconds; only differences between readings mean anything
   */
  long nanoTime();

  /**
   * Runs {@code action} once, at or after {@code deadlineNanos} of {@link #nanoTime()}, on a thread
   * of the scheduler's choosing; actions with the same deadline run in the order they were
   * scheduled. Core's actions are short and never block: they set a flag and {@link #unpark} a
   * fiber.
   *
   * @param deadlineNanos when to run it, a value of {@link #nanoTime()}
   * @param action what to run; short, and never blocking
   * @return a handle that cancels the action if it has not started
   * @throws RejectedExecutionException if the scheduler is shut down
   */
  Cancellable schedule(long deadlineNanos, Runnable action);

  /**
   * Runs a blocking call as this model runs them, from the current fiber, and returns its result.
   * For example: directly on a virtual thread; on a worker pool while the fiber parks; with a
   * global lock released.
   *
   * @param <T> the type of the call's result
   * @param call the blocking call
   * @return the call's result
   * @throws Exception whatever the call threw
   */
  <T> T blocking(Callable<T> call) throws Exception;

  /**
   * Runs a CPU-bound job where this model runs CPU work, from the current fiber.
   *
   * @param <T> the type of the job's result
   * @param job the CPU-bound job
   * @return the job's result, which may be {@code null}
   * @throws Exception whatever the job threw
   */
  <T> T compute(Job<T> job) throws Exception;

  /** A point where this model may switch the current fiber away (or nothing, on a loop). */
  void checkpoint();

  /**
   * Core calls this at the start of every channel operation ({@code send}, {@code receive}, their
   * {@code try} forms, {@code close}) and of every {@code select}, from the calling thread, which
   * may be outside the model (then it must do nothing). A real model runs on: the default does
   * nothing. A model that explores interleavings, where code between two calls into the model
   * runs alone, makes it a point where another task may run first, since a real preemptive
   * runtime may switch between any two synchronisations, including ones that do not wait.
   *
   * @param on the channel, or the select, about to be operated on; for diagnostics
   */
  default void synchronizes(Object on) {}

  /**
   * The source of the random choices core makes for this model (which ready case a select takes).
   * A deterministic model returns a seeded one; the default is the calling thread's {@link
   * ThreadLocalRandom}.
   *
   * @return the source of core's random choices for this model
   */
  default RandomGenerator random() {
    return ThreadLocalRandom.current();
  }

  /**
   * Whether core should report a deadlock when every task of a run waits, untimed, on another of
   * them ({@link io.execmodels.core.DeadlockException}). Only a model whose tasks are woken by
   * nothing but each other and timers may say yes: not one whose I/O callbacks or foreign threads
   * can wake a task. Go's runtime says yes; the default is no.
   *
   * @return whether core reports deadlocks for this model
   */
  default boolean detectsDeadlocks() {
    return false;
  }

  /**
   * The model's own figures for {@link io.execmodels.core.Stats#model()}, by name.
   *
   * @return the model's figures by name; empty if it has none
   */
  default Map<String, Long> stats() {
    return Map.of();
  }

  /**
   * Refuses new work, stops the scheduler's threads and waits up to {@code grace}, in all, for them
   * to end (see the class comment for when core calls it, and what may still be running then).
   * Called once, from outside the model.
   *
   * @param grace how long to wait for the threads, in all; not negative
   * @return whether every thread of the scheduler has ended
   */
  boolean shutdown(Duration grace);
}
