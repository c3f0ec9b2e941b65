package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.List;

/**
 * Registers the {@code asyncio} model (CPython's asyncio: one event loop; tasks run one step at
 * a time between awaits) with {@code ExecutionModels}. Options: see {@code asyncio.debug}, {@code
 * asyncio.slowCallbackMillis}, {@code asyncio.executorThreads}, {@code asyncio.turnSpins}. Its
 * parallelism is 1; asking for another is an error. Stateless and thread-safe.
 */
public final class AsyncioModelProvider implements ExecutionModelProvider {

  /** The model's name. */
  public static final String NAME = "asyncio";

  /** For {@link java.util.ServiceLoader}. */
  public AsyncioModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CPython asyncio: one event loop, tasks that run between awaits";
  }

  @Override
  public ExecutionModel open(Config config) {
    config.parallelism().ifPresent(p -> {
      if (p != 1) {
        throw new IllegalArgumentException("asyncio: parallelism " + p + " asked, but one"
            + " asyncio event loop runs one callback at a time (parallelism 1); use"
            + " process-pool for more");
      }
    });
    AsyncioOptions options = AsyncioOptions.from(config);
    return SchedulerModels.create(NAME, config, new AsyncioScheduler(options));
  }

  /** The {@code asyncio.*} options ({@link AsyncioOptions}). */
  @Override
  public List<ModelOption> options() {
    return List.of(
        new ModelOption(AsyncioOptions.DEBUG, "false", "asyncio's debug mode"),
        new ModelOption(AsyncioOptions.SLOW_CALLBACK_MILLIS, "100", "debug mode's threshold for"
            + " a slow callback, in ms"),
        new ModelOption(AsyncioOptions.EXECUTOR_THREADS, "min(32, CPUs + 4)", "the default"
            + " executor's size, as CPython's ThreadPoolExecutor"),
        new ModelOption(AsyncioOptions.TURN_SPINS, "200 (0 on one CPU)", "spins before a"
            + " thread waiting for the loop's turn parks"),
        new ModelOption(AsyncioOptions.CARRIER, "default", "default: the JDK's virtual-thread"
            + " scheduler; own: the loop and its tasks on one carrier thread of their own (needs"
            + " --add-opens java.base/java.lang=ALL-UNNAMED)"));
  }
}
