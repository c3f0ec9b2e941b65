package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.List;

/**
 * Registers the {@code eventloop} model (one Node.js process) with {@code ExecutionModels}. Its
 * options, in {@link Config#option}: {@value LoopOptions#THREADPOOL_SIZE} (default 4), {@value
 * LoopOptions#BLOCKED_THRESHOLD_MILLIS} (default 100, 0 turns it off), {@value
 * LoopOptions#TURN_SPINS}.
 */
public final class EventLoopModelProvider implements ExecutionModelProvider {

  /** The model's name. */
  public static final String NAME = "eventloop";

  /** For {@link java.util.ServiceLoader}. */
  public EventLoopModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Node.js: one event loop thread, libuv phases, microtasks, tasks borrow the turn";
  }

  @Override
  public ExecutionModel open(Config config) {
    return SchedulerModels.create(NAME, config, new LoopScheduler(config));
  }

  /**
   * A scheduler of this model, for a model built on it ({@code cluster}): its loop starts now, on
   * a thread of its own, and runs until the scheduler is shut down.
   *
   * @param config the {@code eventloop.*} options, and a parallelism of 1 or none
   * @return a new scheduler, running
   * @throws IllegalArgumentException if an option is malformed or unknown, or the parallelism is
   *     not 1
   */
  public static LoopModelScheduler scheduler(Config config) {
    return new LoopScheduler(config);
  }

  /** The {@code eventloop.*} options ({@link LoopOptions}). */
  @Override
  public List<ModelOption> options() {
    return List.of(
        new ModelOption(LoopOptions.THREADPOOL_SIZE, "4", "worker threads for ctx.blocking and"
            + " queueWork (libuv's UV_THREADPOOL_SIZE), 1 to 1024"),
        new ModelOption(LoopOptions.BLOCKED_THRESHOLD_MILLIS, "100", "a callback or turn holding"
            + " the loop this long is reported and counted; 0 turns the detector off"),
        new ModelOption(LoopOptions.TURN_SPINS, "200 (0 on one CPU)", "spins before a thread"
            + " waiting for the turn parks"),
        new ModelOption(LoopOptions.CARRIER, "default", "default: the JDK's virtual-thread"
            + " scheduler; own: the loop and its tasks on one carrier thread of their own (needs"
            + " --add-opens java.base/java.lang=ALL-UNNAMED)"));
  }
}
