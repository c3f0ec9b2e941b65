package io.execmodels.core.spi;

/**
 * A scheduler whose tasks are plain virtual threads on the JDK's scheduler ({@link
 * VirtualThreadFibers}), switching at suspension points and at {@code checkpoint()} ({@link
 * Thread#yield()}): what a model that differs only in where its {@code compute} jobs go (child
 * JVMs, a cluster's members) or in its traits inherits, so that each writes only that.
 *
 * <p>A subclass implements {@link #traits()} and {@link #stop}, in which it ends what it runs
 * itself first and then the tasks' threads with {@link #closeFibers}. Thread-safe, as far as this
 * class goes: every method may be called from any task.
 */
public abstract class VirtualThreadScheduler extends AbstractScheduler {
  private final VirtualThreadFibers fibers;

  /**
   * A scheduler with its own timer thread ({@link AbstractScheduler#AbstractScheduler(String,
   * String)}) and a virtual thread per task.
   *
   * @param description names the scheduler in messages ({@code "the process-pool scheduler"})
   * @param timerThreadName the name of its timer thread
   */
  protected VirtualThreadScheduler(String description, String timerThreadName) {
    super(description, timerThreadName);
    this.fibers = new VirtualThreadFibers(description);
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
    fibers.parkUntil(blocker, deadlineNanos, timerThread());
  }

  @Override
  public void unpark(Fiber fiber) {
    fibers.unpark(fiber);
  }

  /** {@link Thread#yield()}: the virtual thread lets another run on its carrier. */
  @Override
  public void checkpoint() {
    Thread.yield();
  }

  /**
   * Ends the tasks' threads, for {@link #stop}: cancelled tasks have until {@code timeoutNanos}
   * to return ({@link VirtualThreadFibers#close}).
   *
   * @param timeoutNanos how long to wait for them
   * @return whether every task's thread ended in time
   */
  protected final boolean closeFibers(long timeoutNanos) {
    return fibers.close(timeoutNanos);
  }
}
