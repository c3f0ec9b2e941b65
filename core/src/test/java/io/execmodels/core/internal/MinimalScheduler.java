package io.execmodels.core.internal;

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

/**
 * The least scheduler core runs on, for core's own tests (which cannot use a model module or the
 * testkit, both built on core): each task a virtual thread, timers on a {@link TimerThread},
 * blocking calls and jobs in place. Core's channel, select and cancellation code is tested on it
 * through {@link ModelRuntime}, as every model runs it.
 */
final class MinimalScheduler implements Scheduler {

  private final VirtualThreadFibers fibers = new VirtualThreadFibers("core test scheduler");
  private final TimerThread timers = new TimerThread("core-test-timer");

  /** A model on a fresh scheduler of this kind. */
  static ModelRuntime model() {
    return new ModelRuntime("core-test", io.execmodels.core.Config.defaults(), new MinimalScheduler());
  }

  @Override
  public Traits traits() {
    return new Traits(Runtime.getRuntime().availableProcessors(), Traits.Preemption.FULL,
        Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    return fibers.start(body);
  }

  @Override
  public Fiber current() {
    return fibers.current();
  }

  @Override
  public void park(Object blocker) {
    fibers.park(blocker);
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    fibers.parkUntil(blocker, deadlineNanos, timers);
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

  @Override
  public boolean shutdown(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    boolean fibersEnded = fibers.close(grace.toNanos());
    return timers.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
        && fibersEnded;
  }
}
