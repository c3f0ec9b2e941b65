package io.execmodels.bench;

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

  ExecutionModel execution;

  @Setup(Level.Trial)
  public void open() {
    execution = ExecutionModels.open(model);
  }

  @TearDown(Level.Trial)
  public void close() {
    execution.close();
  }
}
