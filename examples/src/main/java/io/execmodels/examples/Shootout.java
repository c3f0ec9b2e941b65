package io.execmodels.examples;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Stats;
import io.execmodels.core.Traits;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's main job: runs every {@link DemoService} on every available model and prints one
 * table — model, service, result, wall time and the model's task counts — after checking each
 * result against the service's {@link DemoService#expected() expected} value.
 *
 * <p>Run it with {@code ./mvnj -B -Pshootout verify}, or directly with model names as arguments
 * (all available models by default). It exits with status 1 if any service gave a wrong result
 * or failed, if no model is available, or if it is still running after two minutes (it takes
 * seconds): the comparison is worthless if the answers differ.
 *
 * <p>For now this is a demonstration: one run of each service, its wall time, no warm-up and no
 * statistics. The article's full comparison (throughput, latency percentiles, CPU scaling, memory
 * per task) comes later; careful measurements live in the {@code bench} module.
 */
public final class Shootout {

  /** How long the whole shootout may take before it is deemed hung (it takes seconds). */
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  private Shootout() {}

  /** One row of the table. {@code measured} is null when the service failed ({@code problem}). */
  private record Row(String model, DemoService service, Measured measured, Stats tasks,
      String problem) {

    boolean ok() {
      return problem == null;
    }
  }

  /** The services the shootout runs, at their default sizes. */
  static List<DemoService> services() {
    return List.of(new FanOutAggregator(), new CpuBatch(), new ChannelPipeline());
  }

  /**
   * Runs the shootout on the models named in {@code args}, or on every available model.
   * Exits with status 1 if anything was wrong.
   */
  public static void main(String[] args) {
    exitIfStillRunningAfter(DEADLINE);
    List<String> models = args.length > 0 ? List.of(args) : ExecutionModels.available();
    int problems = run(models, services(), System.out);
    if (problems > 0) {
      // On standard output, after the table, so the two never interleave.
      System.out.println("shootout FAILED: " + problems + " problem(s); see the check column");
      System.out.flush();
      System.exit(1);
    }
  }

  /**
   * Ends the program with status 1 if it is still running after {@code deadline}: a model that
   * hangs (a lost wake-up, a deadlock) must fail the main job, not stall it.
   */
  private static void exitIfStillRunningAfter(Duration deadline) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(deadline);
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("shootout FAILED: still running after " + deadline.toSeconds()
          + " s; a model or a service hangs");
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }, "shootout-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * Runs each of {@code services} on each of {@code models}, prints the table to {@code out} and
   * returns the number of problems: wrong results, failures, models that would not open or close
   * cleanly, and no models at all.
   */
  static int run(List<String> models, List<DemoService> services, PrintStream out) {
    out.printf(Locale.ROOT,
        "execmodels shootout: %d service(s) on %d model(s) %s; %d CPUs, Java %s%n",
        services.size(), models.size(), models, Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    out.println("A demonstration, not a benchmark: one run of each service, no warm-up.");
    out.println();
    if (models.isEmpty()) {
      out.println(
          "No model is available: put a model module (execmodels-csp...) on the class path.");
      return 1;
    }

    List<Row> rows = new ArrayList<>();
    int problems = 0;
    for (String name : models) {
      List<Row> modelRows = new ArrayList<>();
      try (ExecutionModel model = ExecutionModels.open(name)) {
        out.println(name + ": " + describe(model.traits()));
        for (DemoService service : services) {
          modelRows.add(runOne(model, service));
        }
      } catch (RuntimeException e) {
        // Opening or closing the model failed; the services that did run keep their rows.
        modelRows.add(new Row(name, null, null, null, "model: " + e));
      }
      rows.addAll(modelRows);
    }
    out.println();
    printTable(rows, out);
    for (Row row : rows) {
      if (!row.ok()) {
        problems++;
      }
    }
    return problems;
  }

  private static Row runOne(ExecutionModel model, DemoService service) {
    Stats before = model.stats();
    Measured measured = null;
    String problem = null;
    try {
      measured = service.measure(model);
      if (measured.result() != service.expected()) {
        problem = "WRONG: expected " + service.expected();
      }
    } catch (Exception e) {
      problem = "FAILED: " + e;
    }
    return new Row(model.name(), service, measured, since(before, model.stats()), problem);
  }

  /** The task counts of one service's run: the difference of two snapshots. */
  private static Stats since(Stats before, Stats after) {
    return new Stats(
        after.spawned() - before.spawned(), after.running(), after.parked(),
        after.succeeded() - before.succeeded(), after.failed() - before.failed(),
        after.cancelled() - before.cancelled(), after.model());
  }

  private static String describe(Traits traits) {
    return "parallelism " + traits.parallelism()
        + ", preemption " + traits.preemption()
        + ", memory " + traits.memory()
        + ", I/O concurrency "
        + (traits.ioConcurrency() == Integer.MAX_VALUE ? "unbounded" : traits.ioConcurrency());
  }

  private static void printTable(List<Row> rows, PrintStream out) {
    String format = "%-12s %-10s %-30s %16s %9s %8s %9s %7s %9s  %s%n";
    out.printf(Locale.ROOT, format, "model", "service", "workload", "result", "wall ms",
        "spawned", "succeeded", "failed", "cancelled", "check");
    for (Row row : rows) {
      DemoService s = row.service();
      Stats t = row.tasks();
      out.printf(Locale.ROOT, format,
          row.model(),
          s == null ? "-" : s.name(),
          s == null ? "-" : s.workload(),
          row.measured() == null ? "-" : Long.toString(row.measured().result()),
          row.measured() == null ? "-"
              : String.format(Locale.ROOT, "%.1f", row.measured().wall().toNanos() / 1e6),
          t == null ? "-" : t.spawned(),
          t == null ? "-" : t.succeeded(),
          t == null ? "-" : t.failed(),
          t == null ? "-" : t.cancelled(),
          row.ok() ? "ok" : row.problem());
    }
    out.println();
    out.println(
        "Task counts are from model.stats() over each service's run, its main task included.");
  }
}
