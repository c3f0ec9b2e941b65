package io.execmodels.gilsim;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.List;

/**
 * Registers the {@code gil-threads} model (CPython's {@code threading}: platform threads under a
 * global interpreter lock) with {@code ExecutionModels}.
 *
 * <p>Options: {@code gil.switchInterval} in seconds ({@code sys.setswitchinterval}, default
 * 0.005) and {@code gil.enabled} (default true; false runs the same threads free-threaded, as
 * CPython 3.13's {@code PYTHON_GIL=0}). With a GIL the model's parallelism is 1; free-threaded,
 * the processor count.
 */
public final class GilThreadsModelProvider implements ExecutionModelProvider {

  /** The model's name. */
  public static final String NAME = "gil-threads";

  /** For {@link java.util.ServiceLoader}. */
  public GilThreadsModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CPython threading: platform threads under a global interpreter lock";
  }

  @Override
  public ExecutionModel open(Config config) {
    GilOptions options = GilOptions.from(config);
    int processors = Runtime.getRuntime().availableProcessors();
    int parallelism = options.enabled() ? 1 : processors;
    config.parallelism().ifPresent(p -> {
      if (p != parallelism) {
        throw new IllegalArgumentException("gil-threads: parallelism " + p + " asked, but "
            + (options.enabled()
                ? "the GIL lets one thread run at a time (parallelism 1); set gil.enabled=false"
                    + " for free threading, or use process-pool"
                : "free-threaded threads run on all " + processors + " processors"));
      }
    });
    Gil gil = options.enabled()
        ? Gil.create(options.switchInterval())
        : Gil.freeThreaded();
    return SchedulerModels.create(NAME, config, new GilThreadsScheduler(gil, parallelism));
  }

  /** The {@code gil.*} options ({@link GilOptions}). */
  @Override
  public List<ModelOption> options() {
    return List.of(
        new ModelOption(GilOptions.SWITCH_INTERVAL, "0.005", "seconds between forced GIL"
            + " switches, as sys.setswitchinterval takes them"),
        new ModelOption(GilOptions.ENABLED, "true", "false: free threading (PYTHON_GIL=0)"));
  }
}
