package io.execmodels.core;

import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.TaskBody;
import io.execmodels.core.spi.VirtualThreadScheduler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal scheduler for core's own tests, a task per virtual thread as {@code csp} runs them,
 * that records what core hands it: every body spawned, and every fiber it returned.
 */
final class RecordingScheduler extends VirtualThreadScheduler {
  final List<TaskBody> spawned = new CopyOnWriteArrayList<>();
  final List<Fiber> fibersMade = new CopyOnWriteArrayList<>();

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
    Fiber fiber = super.spawn(parent, body);
    fibersMade.add(fiber);
    return fiber;
  }

  @Override
  protected boolean stop(GraceDeadline deadline) {
    return closeFibers(deadline.nanosLeft());
  }
}
