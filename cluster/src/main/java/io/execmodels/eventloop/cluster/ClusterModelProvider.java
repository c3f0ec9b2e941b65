package io.execmodels.eventloop.cluster;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;
import io.execmodels.eventloop.EventLoopModelProvider;
import io.execmodels.eventloop.LoopModelScheduler;
import io.execmodels.multiprocess.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers the {@code cluster} model (Node's {@code cluster}: a primary and its forked workers)
 * with {@code ExecutionModels}. Tasks run on the primary's event loop; {@code ctx.compute(job)}
 * runs on the next free worker JVM, each with an event loop of its own.
 *
 * <p>Workers: {@link Config#parallelism()} if set, else one per available processor, started on
 * the first {@code compute}. Options ({@link Config#option}): {@code cluster.jvmOptions}, {@code
 * cluster.allow}, {@code cluster.startTimeout}, {@code cluster.maxRestarts} (see {@link
 * #options()}), and the {@code eventloop.*} options of the primary's loop.
 */
public final class ClusterModelProvider implements ExecutionModelProvider {

  /** The model's name. */
  public static final String NAME = "cluster";

  private static final String PREFIX = NAME + ".";

  /** For {@link java.util.ServiceLoader}. */
  public ClusterModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Node.js cluster: tasks on the primary's event loop, compute() on forked worker JVMs,"
        + " each with its own loop";
  }

  @Override
  public ExecutionModel open(Config config) {
    int workers = config.parallelism().orElse(Runtime.getRuntime().availableProcessors());
    ClusterSettings settings = settings(config);
    Config loopConfig = loopConfig(config);
    LoopModelScheduler primary = EventLoopModelProvider.scheduler(loopConfig);
    return SchedulerModels.create(NAME, config, new ClusterScheduler(primary, settings, workers));
  }

  /** The primary loop's configuration: the {@code eventloop.*} options, parallelism 1. */
  private static Config loopConfig(Config config) {
    Config c = Config.defaults().withParallelism(1);
    for (Map.Entry<String, String> e : config.options().entrySet()) {
      if (e.getKey().startsWith("eventloop.")) {
        c = c.withOption(e.getKey(), e.getValue());
      }
    }
    return c;
  }

  /** How the workers start, from the {@code cluster.*} options; checked here, before any fork. */
  static ClusterSettings settings(Config config) {
    PoolOptions process = PoolOptions.defaults().withConfig(config, NAME);
    RestartPolicy restart = RestartPolicy.defaults();
    var max = config.option(PREFIX + "maxRestarts");
    if (max.isPresent()) {
      int n;
      try {
        n = Integer.parseInt(max.get().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PREFIX + "maxRestarts must be an integer, was '"
            + max.get() + "'", e);
      }
      restart = new RestartPolicy(restart.initialBackoff(), restart.maxBackoff(), n,
          restart.window());
    }
    // Half the grace for the workers to finish the job in hand, the rest for the primary's loop.
    return new ClusterSettings(JobWorker.class.getName(), List.of(), process,
        config.shutdownGrace().dividedBy(2), restart);
  }

  /** The {@code cluster.*} options, and the {@code eventloop.*} ones of the primary's loop. */
  @Override
  public List<ModelOption> options() {
    List<ModelOption> all = new ArrayList<>(List.of(
        new ModelOption(PREFIX + "jvmOptions", String.join(" ", PoolOptions.DEFAULT_JVM_OPTIONS),
            "space-separated JVM options for the worker JVMs"),
        new ModelOption(PREFIX + "allow", "the default allow-list only", "';'-separated patterns"
            + " (ObjectInputFilter syntax: com.acme.**) of the classes a compute job and its"
            + " result may carry, beside the JDK's values and collections"),
        new ModelOption(PREFIX + "startTimeout", "PT60S", "how long a worker may take to start"
            + " and connect (ISO-8601 duration)"),
        new ModelOption(PREFIX + "maxRestarts", "5", "restarts of a crashed worker within a"
            + " minute, after a back-off from 100 ms doubling to 10 s, before its slot is given"
            + " up; 0 never restarts")));
    all.addAll(new EventLoopModelProvider().options());
    return all;
  }
}
