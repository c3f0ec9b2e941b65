package io.execmodels.examples;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Stats;
import io.execmodels.core.Traits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The project's main job: runs every {@link DemoService} on every available model, checks each
 * result against the service's {@link DemoService#expected() expected} value, and prints one table:
 * per model, the time to open it (start-up: child JVMs, loop threads), and per model and service
 * the wall time of a run as min / median / max over several measured rounds, with the task counts
 * of a run.
 *
 * <p><b>Timing.</b> Every model is opened once, first, and its opening timed on its own row. What
 * a model starts lazily (a process pool's child JVMs, at its first CPU job) falls in the warm-up
 * rounds, so it is in no service's figure either. Then come {@code warmup}
 * rounds that are not counted (the JIT's, and each model's lazily made threads), and {@code
 * rounds} measured ones; within a round the models take turns in an order shuffled anew each
 * round (from a seed the output prints), so no model is always first or last.
 *
 * <p><b>Figures.</b> Per model and service: the wall time of a run, its CPU time (this JVM's and
 * its child processes', {@link CpuClock}) and so the cores it kept busy, its task counts, and for
 * the mixed handler the latency percentiles of its requests. Then {@link Verdicts}: the
 * comparison articles argue (good for I/O? for CPU? does a CPU spike hurt I/O? scales by?
 * isolation?), each answer with the figure it rests on. The raw figures go to {@code
 * results.csv} and {@code results.json}, and everything to a self-contained {@code report.html}
 * with charts ({@link Report}), in {@code --out} (default {@code target/shootout}).
 *
 * <p>Run it with {@code ./mvnj -B -Pshootout verify}, or directly: {@code Shootout [--models
 * a,b] [--services x,y] [--rounds N] [--warmup N] [--quick] [--seed N] [--out DIR]
 * [--no-reference] [--help]}.
 * It exits with status 1 if any service gave a wrong result or failed, if no model is available,
 * or if it is still running after {@link #DEADLINE}; with status 2 on a bad option. On a
 * terminal, a progress line goes to standard error; the tables go to standard output.
 *
 * <p><b>Originals.</b> Where {@code node}, {@code go} and {@code python3} are on {@code PATH}, the
 * services' programs in {@code examples/reference} run after the models, under the same plan, and
 * their rows ({@code node (original)}...) sit beside the emulations' ({@link Reference}; {@code
 * --no-reference} leaves them out).
 *
 * <p>Still a subset of the comparison the project aims at: no concurrency levels or memory figures
 * yet; careful per-model measurements live in the {@code bench} module.
 */
public final class Shootout {

  /** How long the whole shootout may take before it is deemed hung. */
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private Shootout() {}

  /**
   * How many rounds to run, and in which order.
   *
   * @param warmup rounds run first and not counted
   * @param rounds measured rounds; at least 1
   * @param seed the seed of the models' order in each round
   */
  record Plan(int warmup, int rounds, long seed) {
    Plan {
      if (warmup < 0 || rounds < 1) {
        throw new IllegalArgumentException(
            "rounds must be at least 1 and warmup at least 0, were " + rounds + " and " + warmup);
      }
    }

    /** The default run: 2 warm-up rounds, 5 measured. */
    static Plan standard() {
      return new Plan(2, 5, 1);
    }

    /** {@code --quick}: 1 warm-up round, 2 measured. */
    static Plan quick() {
      return new Plan(1, 2, 1);
    }
  }

  /** The services the shootout runs, at their default sizes. */
  static List<DemoService> services() {
    return List.of(new FanOutAggregator(), new CpuBatch(), new MixedHandler(),
        new ChannelPipeline());
  }

  /**
   * Runs the shootout as {@code args} say (see the class comment). Exits with status 1 if
   * anything was wrong, 2 on a bad option.
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args, ExecutionModels.available(), services());
    } catch (IllegalArgumentException e) {
      System.err.println("shootout: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    exitIfStillRunningAfter(DEADLINE);
    // A progress line rewritten in place on a terminal; elsewhere (Maven, CI, a pipe) none, as
    // every rewrite would be a line of its own.
    PrintStream progress = System.console() != null ? System.err : null;
    List<Reference.Runtime> originals = List.of();
    if (options.reference()) {
      Path dir = Files.isDirectory(Path.of("reference")) ? Path.of("reference")
          : Path.of("examples", "reference");
      Reference.Found found = Reference.find(dir, options.out());
      originals = found.runtimes();
      for (String absent : found.absent()) {
        System.out.println("original runtime left out: " + absent);
      }
    }
    int problems = run(options.models(), options.services(), options.plan(), System.out,
        progress, options.out(), originals);
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

  /** {@link #run(List, List, Plan, PrintStream, PrintStream, Path, List)}: one quick round. */
  static int run(List<String> models, List<DemoService> services, PrintStream out) {
    return run(models, services, new Plan(0, 1, 1), out, null, null, List.of());
  }

  /**
   * Runs each of {@code services} on each of {@code models} as {@code plan} says, prints the
   * tables to {@code out} (and a progress line to {@code progress}, if not null), writes the
   * report's files into {@code reportDir} (if not null) and returns the number of problems: wrong
   * results, failures, models that would not open or close cleanly, a report that could not be
   * written, and no models at all. After the models, each of {@code originals} runs the services
   * that have a program of theirs (the defaults), under the same plan.
   */
  static int run(List<String> models, List<DemoService> services, Plan plan, PrintStream out,
      PrintStream progress, Path reportDir, List<Reference.Runtime> originals) {
    out.printf(Locale.ROOT,
        "execmodels shootout: %d service(s) on %d model(s) %s; %d CPUs, Java %s%n",
        services.size(), models.size(), models, Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    out.printf(Locale.ROOT, "%d warm-up round(s), then %d measured; models in a shuffled order"
        + " each round (seed %d)%n%n", plan.warmup(), plan.rounds(), plan.seed());
    if (models.isEmpty()) {
      out.println(
          "No model is available: put a model module (execmodels-csp...) on the class path.");
      return 1;
    }

    Map<String, ExecutionModel> open = new LinkedHashMap<>();
    Map<String, Duration> startUp = new LinkedHashMap<>();
    List<Result> rows = new ArrayList<>();
    try {
      for (String name : models) {
        long t0 = System.nanoTime();
        try {
          ExecutionModel model = ExecutionModels.open(name);
          startUp.put(name, Duration.ofNanos(System.nanoTime() - t0));
          open.put(name, model);
          out.println(name + ": " + describe(model.traits()));
        } catch (RuntimeException e) {
          rows.add(new Result(name, null, null, List.of(), List.of(), null, "model: " + e));
        }
      }
      Map<String, Map<DemoService, Cell>> cells = new LinkedHashMap<>();
      for (String name : open.keySet()) {
        Map<DemoService, Cell> byService = new LinkedHashMap<>();
        for (DemoService service : services) {
          byService.put(service, new Cell());
        }
        cells.put(name, byService);
      }
      Random order = new Random(plan.seed());
      int total = plan.warmup() + plan.rounds();
      for (int round = 0; round < total; round++) {
        List<String> turn = new ArrayList<>(open.keySet());
        Collections.shuffle(turn, order);
        boolean measured = round >= plan.warmup();
        for (String name : turn) {
          for (DemoService service : services) {
            if (progress != null) {
              progress.printf(Locale.ROOT, "\r%-60s", String.format(Locale.ROOT,
                  "%s round %d/%d: %s on %s", measured ? "measured" : "warm-up",
                  measured ? round - plan.warmup() + 1 : round + 1,
                  measured ? plan.rounds() : plan.warmup(), service.name(), name));
              progress.flush();
            }
            cells.get(name).get(service).runOnce(open.get(name), service, measured);
          }
        }
      }
      if (progress != null) {
        progress.printf("\r%-60s\r", "");
        progress.flush();
      }
      for (var byModel : cells.entrySet()) {
        Traits traits = open.get(byModel.getKey()).traits();
        for (var c : byModel.getValue().entrySet()) {
          rows.add(c.getValue().result(byModel.getKey(), traits, c.getKey()));
        }
      }
    } finally {
      for (var e : open.entrySet()) {
        try {
          e.getValue().close();
        } catch (RuntimeException ex) {
          rows.add(new Result(e.getKey(), null, null, List.of(), List.of(), null,
              "close: " + ex));
        }
      }
    }
    List<DemoService> defaults = services();
    for (Reference.Runtime runtime : originals) {
      for (DemoService service : services) {
        if (defaults.stream().noneMatch(d -> d.name().equals(service.name())
            && d.workload().equals(service.workload()))) {
          continue; // not at its default size: the originals' programs do not have it
        }
        if (progress != null) {
          progress.printf(Locale.ROOT, "\r%-60s", service.name() + " on " + runtime.name());
          progress.flush();
        }
        rows.add(Reference.run(runtime, service, plan.warmup(), plan.rounds()));
      }
    }
    if (progress != null) {
      progress.printf("\r%-60s\r", "");
      progress.flush();
    }
    out.println();
    printStartUp(startUp, out);
    printTable(rows, out);
    List<Verdicts.Verdict> verdicts = Verdicts.of(rows);
    printVerdicts(verdicts, out);
    int problems = 0;
    for (Result row : rows) {
      if (!row.ok()) {
        problems++;
      }
    }
    if (reportDir != null) {
      try {
        Path html = Report.write(reportDir, new Report.Header("execmodels shootout",
            Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            plan.warmup() + " warm-up round(s), then " + plan.rounds() + " measured; models in a"
                + " shuffled order each round (seed " + plan.seed() + ")"),
            startUp, rows, verdicts);
        out.println("report: " + html.toAbsolutePath() + " (with results.csv and results.json)");
      } catch (IOException e) {
        out.println("report: could not be written to " + reportDir + ": " + e);
        problems++;
      }
    }
    return problems;
  }

  private static void printVerdicts(List<Verdicts.Verdict> verdicts, PrintStream out) {
    if (verdicts.isEmpty()) {
      return;
    }
    out.println();
    out.println("What each model is good for, from this run's figures:");
    for (Verdicts.Verdict v : verdicts) {
      out.println("  " + v.model());
      out.println("    good for I/O?            " + v.io());
      out.println("    good for CPU?            " + v.cpu());
      out.println("    a CPU spike hurts I/O?   " + v.spike());
      out.println("    scales by                " + v.scales());
      out.println("    isolation                " + v.isolation());
    }
    out.println();
  }

  /** One model and service's runs so far; the first problem ends its measuring. */
  private static final class Cell {
    final List<Measured> runs = new ArrayList<>();
    final List<Duration> cpus = new ArrayList<>();
    Stats tasks;
    String problem;

    void runOnce(ExecutionModel model, DemoService service, boolean measured) {
      if (problem != null) {
        return;
      }
      Stats before = model.stats();
      try {
        Duration cpuBefore = CpuClock.now();
        Measured m = service.measure(model);
        Duration cpu = CpuClock.now().minus(cpuBefore);
        if (m.result() != service.expected()) {
          problem = "WRONG: " + m.result() + ", expected " + service.expected();
        } else if (measured) {
          runs.add(m);
          cpus.add(cpu.isNegative() ? Duration.ZERO : cpu);
          tasks = since(before, model.stats());
        }
      } catch (Exception e) {
        problem = "FAILED: " + e;
      }
    }

    Result result(String model, Traits traits, DemoService service) {
      return new Result(model, traits, service, runs, cpus, tasks, problem);
    }
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

  private static void printStartUp(Map<String, Duration> startUp, PrintStream out) {
    out.println("start-up (opening the model; what it starts lazily, such as a process pool's"
        + " child JVMs, falls in the warm-up), once per model:");
    for (var e : startUp.entrySet()) {
      out.printf(Locale.ROOT, "  %-12s %9.1f ms%n", e.getKey(), e.getValue().toNanos() / 1e6);
    }
    out.println();
  }

  private static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
  }

  private static void printTable(List<Result> rows, PrintStream out) {
    String format = "%-25s %-10s %-30s %16s %9s %9s %9s %8s %6s %8s %9s %7s %9s  %s%n";
    out.printf(Locale.ROOT, format, "model", "service", "workload", "result", "min ms",
        "median ms", "max ms", "cpu ms", "cores", "spawned", "succeeded", "failed", "cancelled",
        "check");
    for (Result row : rows) {
      DemoService s = row.service();
      Stats t = row.tasks();
      List<Duration> walls = row.walls();
      boolean timed = row.timed();
      out.printf(Locale.ROOT, format,
          row.model(),
          s == null ? "-" : s.name(),
          s == null ? "-" : s.workload(),
          timed ? Long.toString(row.runs().get(0).result()) : "-",
          timed ? ms(walls.get(0)) : "-",
          timed ? ms(walls.get(walls.size() / 2)) : "-",
          timed ? ms(walls.get(walls.size() - 1)) : "-",
          timed ? ms(row.medianCpu()) : "-",
          timed ? String.format(Locale.ROOT, "%.2f", row.cores()) : "-",
          t == null ? "-" : t.spawned(),
          t == null ? "-" : t.succeeded(),
          t == null ? "-" : t.failed(),
          t == null ? "-" : t.cancelled(),
          row.ok() ? "ok" : row.problem());
    }
    out.println();
    out.println("Times are the wall time of one run of the service, from outside the model, over"
        + " the measured rounds; cpu ms is a run's median CPU time (this JVM and its child"
        + " processes), cores that over the wall time; task counts are from model.stats() over"
        + " the last measured run, its main task included.");
    printLatencies(rows, out);
  }

  /** Per-request latencies, over every request of every measured round, where a service has them. */
  private static void printLatencies(List<Result> rows, PrintStream out) {
    List<Result> withLatencies = rows.stream()
        .filter(r -> r.runs().stream().anyMatch(m -> !m.latencies().isEmpty())).toList();
    if (withLatencies.isEmpty()) {
      return;
    }
    out.println();
    String format = "%-25s %-10s %9s %9s %9s %9s %9s%n";
    out.printf(Locale.ROOT, format, "model", "service", "requests", "p50 ms", "p90 ms", "p99 ms",
        "max ms");
    for (Result row : withLatencies) {
      List<Duration> all = row.latencies();
      out.printf(Locale.ROOT, format, row.model(), row.service().name(), all.size(),
          ms(percentile(all, 0.50)), ms(percentile(all, 0.90)), ms(percentile(all, 0.99)),
          ms(all.get(all.size() - 1)));
    }
    out.println();
    out.println("Latency: from a request's scheduled arrival (open loop) to its end, over every"
        + " request of the measured rounds.");
  }

  /** The {@code q} quantile of sorted, non-empty {@code xs}: the nearest-rank one. */
  static Duration percentile(List<Duration> xs, double q) {
    int rank = (int) Math.ceil(q * xs.size());
    return xs.get(Math.max(0, Math.min(xs.size() - 1, rank - 1)));
  }
}
