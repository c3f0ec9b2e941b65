package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;

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
}
