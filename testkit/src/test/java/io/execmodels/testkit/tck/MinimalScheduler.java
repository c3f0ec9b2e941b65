package io.execmodels.testkit.tck;

import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TaskBody;
import io.execmodels.core.spi.TimerThread;
import io.execmodels.core.spi.VirtualThreadFibers;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The least a scheduler can be: each task a virtual thread ({@link VirtualThreadFibers}), timers on
 * a {@link TimerThread}, blocking calls and jobs run in place. It runs the TCK as it is, and is the
 * correct scheduler {@link Faults} break one rule at a time.
 *
 * <p>It also checks core's side of the SPI contract, and refuses, with an {@link
 * IllegalStateException} naming the rule, what core must never do: shut it down a second time, or
 * park from a thread that is not one of its fibers. Since the whole TCK passes on it ({@link
 * MinimalTckTest}), core keeps those rules in every rule of the TCK.
 */
final class MinimalScheduler implements Scheduler {

  private final VirtualThreadFibers fibers = new VirtualThreadFibers("minimal scheduler");
  private final TimerThread timers = new TimerThread("minimal-timer");
  private final AtomicBoolean shutDown = new AtomicBoolean();

  @Override
  public Traits traits() {
    return new Traits(Runtime.getRuntime().availableProcessors(), Traits.Preemption.FULL,
        Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    if (shutDown.get()) {
      throw new RejectedExecutionException("minimal scheduler is shut down");
    }
    return fibers.start(body);
  }

  @Override
  public Fiber current() {
    return fibers.current();
  }

  @Override
  public void park(Object blocker) {
    requireFiber("park");
    fibers.park(blocker);
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    requireFiber("parkUntil");
    fibers.parkUntil(blocker, deadlineNanos, timers);
  }

  private void requireFiber(String operation) {
    if (fibers.current() == null) {
      throw new IllegalStateException(operation + " called by " + Thread.currentThread()
          + ", which is not a fiber of this scheduler: a fiber parks only itself");
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    fibers.unpark(fiber);
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

  @Override
  public <T> T compute(Job<T> job) throws Exception {
    return job.compute();
  }

  @Override
  public void checkpoint() {}

  /**
   * Fibers first, then timers: a fiber still waiting on a timer when the fibers' grace runs out
   * is one that outlived its grace anyway (see {@link VirtualThreadFibers#parkUntil}).
   */
  @Override
  public boolean shutdown(Duration grace) {
    if (!shutDown.compareAndSet(false, true)) {
      throw new IllegalStateException("shutdown called a second time: core shuts a scheduler"
          + " down once");
    }
    long deadline = System.nanoTime() + grace.toNanos();
    boolean fibersEnded = fibers.close(grace.toNanos());
    boolean timersEnded =
        timers.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    return fibersEnded && timersEnded;
  }
}
