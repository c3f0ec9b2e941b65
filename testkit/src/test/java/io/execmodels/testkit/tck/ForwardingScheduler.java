package io.execmodels.testkit.tck;

import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TaskBody;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/** A scheduler that hands every call to another; {@link Faults} override the one they break. */
class ForwardingScheduler implements Scheduler {

  final Scheduler delegate;

  ForwardingScheduler(Scheduler delegate) {
    this.delegate = delegate;
  }

  @Override
  public Traits traits() {
    return delegate.traits();
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    return delegate.spawn(parent, body);
  }

  @Override
  public Fiber current() {
    return delegate.current();
  }

  @Override
  public void park(Object blocker) {
    delegate.park(blocker);
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    delegate.parkUntil(blocker, deadlineNanos);
  }

  @Override
  public void unpark(Fiber fiber) {
    delegate.unpark(fiber);
  }

  @Override
  public long nanoTime() {
    return delegate.nanoTime();
  }

  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    return delegate.schedule(deadlineNanos, action);
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    return delegate.blocking(call);
  }

  @Override
  public <T> T compute(Job<T> job) throws Exception {
    return delegate.compute(job);
  }

  @Override
  public void checkpoint() {
    delegate.checkpoint();
  }

  @Override
  public RandomGenerator random() {
    return delegate.random();
  }

  @Override
  public boolean detectsDeadlocks() {
    return delegate.detectsDeadlocks();
  }

  @Override
  public Map<String, Long> stats() {
    return delegate.stats();
  }

  @Override
  public boolean shutdown(Duration grace) {
    return delegate.shutdown(grace);
  }
}
