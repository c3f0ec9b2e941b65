package io.execmodels.eventloop;

import io.execmodels.core.spi.Scheduler;

/**
 * The {@code eventloop} model's scheduler, for a model that builds on one Node.js process: the
 * cluster's primary runs its tasks here and drives its workers from {@link #loop()}, as Node's
 * primary does on its one loop. Get one from {@link EventLoopModelProvider#scheduler}.
 *
 * <p>A task of this scheduler holds the loop's turn while it runs, so code in a task may use the
 * loop's loop-thread-only API ({@link EventLoop#inLoop()} is true there). Thread-safety: as
 * {@link Scheduler}.
 */
public interface LoopModelScheduler extends Scheduler {

  /**
   * The loop the tasks run on; it runs until this scheduler is shut down.
   *
   * @return the loop
   */
  EventLoop loop();
}
