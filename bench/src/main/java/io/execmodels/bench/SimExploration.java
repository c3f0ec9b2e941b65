package io.execmodels.bench;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.spi.OneCarrier;
import io.execmodels.testkit.sim.Schedule;
import io.execmodels.testkit.sim.SimModel;
import io.execmodels.testkit.sim.SimOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the simulation explores schedules: one operation is one whole run, in a fresh {@code
 * sim} model, of a program of 10 tasks taking 100 steps each (a checkpoint, a scheduling point
 * under the {@code sim} profile, and a shared-counter update), so about 1,000 scheduling points.
 * Schedules: a random walk (a decision at every point, so about 900 context switches), PCT depth 3
 * (few switches), and all-zero decisions (no switch but where a task ends: the cost of a step
 * without a hand-off). The peer, in the same run: the same program once on {@code csp}, the real
 * model the simulation approximates. Cost per scheduling step = 1 / (runs per second x steps per
 * run); {@link #main} prints the step counts.
 *
 * <p>Each schedule runs on both carrier paths ({@code carrier}): {@code shared}, every run's tasks
 * on one carrier thread kept for the trial (what the property engine does when the JVM allows
 * carrier control; needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which
 * {@code bench/run.sh} passes), and {@code default}, the JDK's virtual-thread scheduler.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimExploration {

  static final int TASKS = 10;
  static final int STEPS = 100;

  /** The seed of the next schedule, so that every run explores a different one. */
  @State(Scope.Thread)
  public static class Seeds {
    long next;
  }

  /** Where the simulations' tasks run: {@code shared} (one carrier thread) or {@code default}. */
  @State(Scope.Benchmark)
  public static class Carrier {
    @Param({"shared", "default"})
    String carrier;
    OneCarrier thread;

    @Setup(Level.Trial)
    public void open() {
      thread = carrier.equals("shared") ? new OneCarrier("sim-carrier") : null;
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
      if (thread != null) {
        thread.close();
        thread.thread().join();
      }
    }
  }

  /** The csp model the peer runs on, opened once per trial. */
  @State(Scope.Benchmark)
  public static class Csp {
    ExecutionModel model;

    @Setup(Level.Trial)
    public void open() {
      model = ExecutionModels.open("csp");
    }

    @TearDown(Level.Trial)
    public void close() {
      model.close();
    }
  }

  static long program(Ctx ctx) {
    long[] counter = new long[1];
    List<Task<Void>> tasks = new ArrayList<>(TASKS);
    for (int t = 0; t < TASKS; t++) {
      tasks.add(ctx.spawn(c -> {
        for (int s = 0; s < STEPS; s++) {
          c.checkpoint();
          counter[0]++;
        }
        return null;
      }));
    }
    ctx.awaitAll(tasks);
    return counter[0];
  }

  static long simulate(Schedule schedule, Carrier carrier) throws Exception {
    try (SimModel model = SimModel.open(SimOptions.defaults().withSchedule(schedule)
        .withClosedWorld(true).withTraceLimit(0).withCarrier(carrier.thread))) {
      return model.run(SimExploration::program) + model.trace().length();
    }
  }

  /** One run under a random-walk schedule. */
  @Benchmark
  public long randomWalk(Seeds seeds, Carrier carrier) throws Exception {
    return simulate(Schedule.random(seeds.next++), carrier);
  }

  /** One run under a PCT schedule of depth 3. */
  @Benchmark
  public long pct(Seeds seeds, Carrier carrier) throws Exception {
    return simulate(Schedule.pct(seeds.next++, 3, TASKS * STEPS), carrier);
  }

  /** One run keeping the running task whenever it can go on: steps without hand-offs. */
  @Benchmark
  public long keepRunning(Carrier carrier) throws Exception {
    return simulate(Schedule.of(), carrier);
  }

  /** The peer: the same program once on csp. */
  @Benchmark
  public long cspRun(Csp csp) throws Exception {
    return csp.model.run(SimExploration::program);
  }

  /** Prints the scheduling points per run under each schedule (for the cost per step). */
  public static void main(String[] args) throws Exception {
    for (Schedule s : List.of(Schedule.random(1), Schedule.pct(1, 3, TASKS * STEPS),
        Schedule.of())) {
      try (SimModel model = SimModel.open(SimOptions.defaults().withSchedule(s)
          .withClosedWorld(true))) {
        model.run(SimExploration::program);
        System.out.println(s + ": " + model.trace().length() + " steps, "
            + model.trace().contextSwitches() + " context switches");
      }
    }
  }
}
