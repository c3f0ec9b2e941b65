package io.execmodels.bench;

import io.execmodels.core.Task;
import io.execmodels.testkit.sim.Schedule;
import io.execmodels.testkit.sim.SimModel;
import io.execmodels.testkit.sim.SimOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one scheduling point of the simulation, in three cases: no decision (one task alone
 * at its checkpoints), a decision that keeps the running task (two tasks, all-zero choices), and a
 * hand-off at every point (two tasks taking turns: choice 1 each time). Each operation is one
 * checkpoint; a run is {@value #STEPS} of them per task, in a fresh model, on each carrier path
 * ({@link SimExploration.Carrier}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimStepCost {

  static final int STEPS = 10_000;

  static void run(int tasks, Schedule schedule, SimExploration.Carrier carrier) throws Exception {
    try (SimModel model = SimModel.open(SimOptions.defaults().withSchedule(schedule)
        .withClosedWorld(true).withTraceLimit(0).withCarrier(carrier.thread))) {
      model.run(ctx -> {
        List<Task<Void>> all = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
          all.add(ctx.spawn(c -> {
            for (int s = 0; s < STEPS; s++) {
              c.checkpoint();
            }
            return null;
          }));
        }
        return ctx.awaitAll(all);
      });
    }
  }

  /** A scheduling point with nobody else ready: no decision is drawn. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public void alone(SimExploration.Carrier carrier) throws Exception {
    run(1, Schedule.of(), carrier);
  }

  /** A decision at every point, each keeping the running task. */
  @Benchmark
  @OperationsPerInvocation(2 * STEPS)
  public void decideAndKeep(SimExploration.Carrier carrier) throws Exception {
    run(2, Schedule.of(), carrier);
  }

  /** A hand-off to the other task at every point. */
  @Benchmark
  @OperationsPerInvocation(2 * STEPS)
  public void handOff(SimExploration.Carrier carrier) throws Exception {
    run(2, Schedule.walk(bound -> 1), carrier);
  }
}
