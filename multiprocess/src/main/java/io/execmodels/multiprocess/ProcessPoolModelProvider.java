package io.execmodels.multiprocess;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.List;
import java.util.Locale;

/**
 * Registers the {@code process-pool} model (Python's {@code ProcessPoolExecutor}): tasks on
 * virtual threads in this JVM, {@code ctx.compute(job)} in child JVMs.
 *
 * <p>Workers: {@link Config#parallelism()} if set, else one per available processor. Options
 * ({@link Config#option}): {@code process-pool.jvmOptions} (space-separated JVM options for the
 * children), {@code process-pool.allow} ({@code ;}-separated allow-list patterns), {@code
 * process-pool.onWorkerDeath} ({@code break} or {@code replace}), {@code
 * process-pool.maxTasksPerChild}, {@code process-pool.startTimeout} (an ISO-8601 duration).
 */
public final class ProcessPoolModelProvider implements ExecutionModelProvider {

  /** The model's name. */
  public static final String NAME = "process-pool";

  /** For {@link java.util.ServiceLoader}. */
  public ProcessPoolModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Python's ProcessPoolExecutor: compute() in child JVMs over a Unix socket";
  }

  @Override
  public ExecutionModel open(Config config) {
    return SchedulerModels.create(NAME, config, new ProcessPoolScheduler(options(config)));
  }

  /** The pool options {@code config} asks for. */
  static PoolOptions options(Config config) {
    PoolOptions o = PoolOptions.defaults();
    if (config.parallelism().isPresent()) {
      o = o.withWorkers(config.parallelism().getAsInt());
    }
    String prefix = NAME + ".";
    o = o.withConfig(config, NAME);
    var death = config.option(prefix + "onWorkerDeath");
    if (death.isPresent()) {
      o = o.withOnWorkerDeath(switch (death.get().toLowerCase(Locale.ROOT)) {
        case "break" -> WorkerDeathPolicy.BREAK_POOL;
        case "replace" -> WorkerDeathPolicy.REPLACE;
        default -> throw new IllegalArgumentException(prefix + "onWorkerDeath must be break or"
            + " replace, was '" + death.get() + "'");
      });
    }
    var max = config.option(prefix + "maxTasksPerChild");
    if (max.isPresent()) {
      try {
        o = o.withMaxTasksPerChild(Integer.parseInt(max.get().trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(prefix + "maxTasksPerChild must be an integer, was '"
            + max.get() + "'", e);
      }
    }
    return o;
  }

  /** The {@code process-pool.*} options (see the class comment). */
  @Override
  public List<ModelOption> options() {
    String p = NAME + ".";
    return List.of(
        new ModelOption(p + "jvmOptions", String.join(" ", PoolOptions.DEFAULT_JVM_OPTIONS),
            "space-separated JVM options for the child JVMs"),
        new ModelOption(p + "allow", "the default allow-list only", "';'-separated patterns"
            + " (ObjectInputFilter syntax: com.acme.**) of the classes a compute job and its"
            + " result may carry, beside the JDK's values and collections"),
        new ModelOption(p + "onWorkerDeath", "break", "break: a child's death breaks the pool,"
            + " as Python's BrokenProcessPool; replace: start a new child"),
        new ModelOption(p + "maxTasksPerChild", "0 (never retired)", "jobs a child runs before"
            + " it is replaced, as Python's max_tasks_per_child"),
        new ModelOption(p + "startTimeout", "PT60S", "how long a child may take to start and"
            + " connect (ISO-8601 duration)"));
  }
}
