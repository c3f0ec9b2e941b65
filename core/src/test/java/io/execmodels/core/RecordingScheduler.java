package io.execmodels.core;

import io.execmodels.core.spi.AbstractScheduler;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.TaskBody;
import io.execmodels.core.spi.VirtualThreadFibers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal scheduler for core's own tests, a task per virtual thread as {@code csp} runs them,
 * that records what core hands it: every body spawned, and every fiber it returned.
 */
final class RecordingScheduler extends AbstractScheduler {
  final List<TaskBody> spawned = new CopyOnWriteArrayList<>();
  final List<Fiber> fibersMade = new CopyOnWriteArrayList<>();
  private final VirtualThreadFibers fibers = new VirtualThreadFibers("the recording scheduler");

  RecordingScheduler() {
    super("the recording scheduler", "recording-timer");
  }

  @Override
  public Traits traits() {
    return new Traits(1, Traits.Preemption.CHECKPOINTS, Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    spawned.add(body);
    Fiber fiber = fibers.start(body);
    fibersMade.add(fiber);
    return fiber;
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
  public void unpark(Fiber fiber) {
    fibers.unpark(fiber);
  }

  @Override
  public void checkpoint() {
    Thread.yield();
  }

  @Override
  protected boolean stop(GraceDeadline deadline) {
    return fibers.close(deadline.nanosLeft());
  }
}
