package io.execmodels.bench;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The model a benchmark measures, opened once per trial and closed after it. */
@State(Scope.Benchmark)
public class OpenModel {

  /** The model's name. */
  @Param({"csp"})
  public String model;

  /**
   * Model options for this trial, {@code key=value} pairs separated by commas (for example {@code
   * csp.parkSpins=0}), or empty for the defaults: how a benchmark measures what an option buys.
   */
  @Param({""})
  public String options;

  ExecutionModel execution;

  @Setup(Level.Trial)
  public void open() {
    Config config = Config.defaults().withModel(model);
    for (String pair : options.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("options: expected key=value, was '" + pair + "'");
      }
      config = config.withOption(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    execution = ExecutionModels.open(config);
  }

  @TearDown(Level.Trial)
  public void close() {
    execution.close();
  }
}
