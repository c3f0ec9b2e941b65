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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The project's main job: runs every {@link DemoService} on every available model, checks each
 * result against the service's {@link DemoService#expected() expected} value, measures what the
 * models cost in time, cores and memory and how they hold up as requests arrive faster, and prints
 * it as tables, with a report beside them.
 *
 * <p><b>Timing.</b> Every model is opened once, first, and its opening timed on its own row. What
 * a model starts lazily (a process pool's child JVMs, at its first CPU job) falls in the warm-up
 * rounds, so it is in no service's figure either. Then come {@code warmup}
 * rounds that are not counted (the JIT's, and each model's lazily made threads), and {@code
 * rounds} measured ones; within a round the models take turns in an order shuffled anew each
 * round (from a seed the output prints), so no model is always first or last. A turn at a
 * service lasts at least {@link #DEFAULT_MIN_TURN} by default: a service done in a few
 * milliseconds runs again (each run recorded), so that one hiccup of the machine does not move
 * its median.
 *
 * <p><b>Figures.</b> Per model and service: the wall time of a run, its CPU time (this JVM's and
 * its child processes', {@link CpuClock}) and so the cores it kept busy, the peak heap of a run
 * ({@link HeapPeak}), its task counts, and for the mixed handler the latency percentiles of its
 * requests. Per model: the heap one parked task costs ({@link TaskMemory}), and its child
 * processes and their peak resident memory ({@link ChildProcesses}; the heap figures are this
 * JVM's only). Then the <b>concurrency levels</b>: the request workloads ({@link RequestWorkload}:
 * the fan-out and the mixed handler as streams of requests) offered open loop at each of the
 * plan's arrival rates for a short window, once per model after the measured rounds (which warmed
 * the same code), models shuffled per level: throughput and latency p50/p99/max per level ({@link
 * LevelResult}). Then {@link Verdicts}: the comparison articles argue (good for I/O? for CPU? does
 * a CPU spike hurt I/O? cheap to fan out? scales by? isolation?), each answer with the figure it
 * rests on. The raw
 * figures go to {@code results.csv}, {@code levels.csv}, {@code memory.csv} and {@code
 * results.json}, and everything to a self-contained {@code report.html} with charts ({@link
 * Report}), in {@code --out} (default {@code target/shootout}).
 *
 * <p>Run it with {@code ./shootout [options]} from the repository's root, or directly: {@code
 * Shootout [--models
 * a,b] [--workloads x,y] [--rounds N] [--warmup N] [--quick] [--concurrency r1,r2,...]
 * [--duration MS] [--seed N] [--out DIR] [--no-reference] [--help]}.
 * It exits with status 1 if any service gave a wrong result or failed, if no model is available,
 * or if it is still running after {@link #DEADLINE}; with status 2 on a bad option. On a
 * terminal, a progress line goes to standard error; elsewhere a line per finished round; the
 * tables go to standard output.
 *
 * <p><b>Interrupted</b> (Ctrl-C, SIGTERM), a shutdown hook closes every open model (a process
 * pool's and a cluster's child JVMs end with it), prints the tables of what was measured so far
 * and writes the report marked partial; the exit status is then the signal's (130, 143).
 *
 * <p><b>Originals.</b> Where {@code node}, {@code go} and {@code python3} are on {@code PATH}, the
 * services' programs in {@code examples/reference} run after the models, under the same plan, and
 * their rows ({@code node (original)}...) sit beside the emulations' ({@link Reference}; {@code
 * --no-reference} leaves them out): the services' rounds, the memory of a parked task (each
 * runtime's own measure, which its row names) and the concurrency levels (all of them in one
 * process per runtime, after one unreported pass at the lowest rate: the models' levels were
 * warmed by the measured rounds).
 *
 * <p>Careful per-model measurements live in the {@code bench} module; this is the overview.
 */
public final class Shootout {

  /** How long the whole shootout may take before it is deemed hung. */
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private Shootout() {}

  /**
   * How many rounds to run, in which order, and the concurrency levels.
   *
   * @param warmup rounds run first and not counted
   * @param rounds measured rounds; at least 1
   * @param seed the seed of the models' order in each round
   * @param rates the arrival rates of the concurrency levels, requests per second, ascending;
   *     empty for none
   * @param window how long requests arrive at each level
   * @param memory whether to probe each model's memory per parked task ({@link TaskMemory})
   * @param minTurn how long a model's turn at a service lasts at least: a shorter service runs
   *     again, each run recorded ({@link Cell#runTurn}); zero for one run per round
   */
  record Plan(int warmup, int rounds, long seed, List<Integer> rates, Duration window,
      boolean memory, Duration minTurn) {
    Plan {
      if (minTurn.isNegative()) {
        throw new IllegalArgumentException("the least turn must not be negative, was " + minTurn);
      }
      if (warmup < 0 || rounds < 1) {
        throw new IllegalArgumentException(
            "rounds must be at least 1 and warmup at least 0, were " + rounds + " and " + warmup);
      }
      rates = rates.stream().sorted().toList();
      if (rates.stream().anyMatch(r -> r < 1)) {
        throw new IllegalArgumentException("rates must be at least 1 request/s, were " + rates);
      }
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("the window must be positive, was " + window);
      }
    }

    /** One run per model, service and round. */
    Plan(int warmup, int rounds, long seed, List<Integer> rates, Duration window,
        boolean memory) {
      this(warmup, rounds, seed, rates, window, memory, Duration.ZERO);
    }

    /** Rounds only, one run each: no concurrency levels, no memory probe. */
    Plan(int warmup, int rounds, long seed) {
      this(warmup, rounds, seed, List.of(), DEFAULT_WINDOW, false);
    }

    /** The default run: 2 warm-up rounds, 5 measured, turns of 30 ms, the default levels. */
    static Plan standard() {
      return new Plan(2, 5, 1, DEFAULT_RATES, DEFAULT_WINDOW, true, DEFAULT_MIN_TURN);
    }

    /** {@code --quick}: 1 warm-up round, 2 measured, the default levels for a shorter window. */
    static Plan quick() {
      return new Plan(1, 2, 1, DEFAULT_RATES, QUICK_WINDOW, true, DEFAULT_MIN_TURN);
    }

    /** The same plan with other levels. */
    Plan withLevels(List<Integer> otherRates, Duration otherWindow) {
      return new Plan(warmup, rounds, seed, otherRates, otherWindow, memory, minTurn);
    }

    /** One line on the plan, for the output and the report. */
    String describe() {
      String s = warmup + " warm-up round(s), then " + rounds + " measured; models in a shuffled"
          + " order each round (seed " + seed + ")" + (minTurn.isZero() ? ""
              : "; a turn at a service lasts at least " + minTurn.toMillis() + " ms");
      return rates.isEmpty() ? s : s + "; concurrency levels " + rates + " requests/s, "
          + window.toMillis() + " ms of arrivals each";
    }
  }

  /** The default arrival rates, requests per second: light, busy, and past a loop's capacity. */
  static final List<Integer> DEFAULT_RATES = List.of(100, 400, 1600);

  /** How long requests arrive at each level by default. */
  static final Duration DEFAULT_WINDOW = Duration.ofMillis(250);

  /** How long requests arrive at each level under {@code --quick}. */
  static final Duration QUICK_WINDOW = Duration.ofMillis(100);

  /**
   * How long a model's turn at a service lasts at least, by default: long against a scheduler's
   * hiccup or a young GC's pause, so that a service done in a few milliseconds has a median the
   * models' order cannot move by a quarter (measured with {@code bench/shootout-order.sh}; not
   * for the shortest services, which move as much from one JVM to the next in the same order).
   */
  static final Duration DEFAULT_MIN_TURN = Duration.ofMillis(30);

  /** The services the shootout runs, at their default sizes. */
  static List<DemoService> services() {
    return List.of(new FanOutAggregator(), new CpuBatch(), new MixedHandler(),
        new ChannelPipeline());
  }

  /** Held so that its level, set in {@link #main}, is not collected with it. */
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

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
    // The grid model's Hazelcast member logs its life at INFO and WARNING (dozens of lines: that
    // it runs alone, that it would like more of the JDK's internals opened); the shootout's own
    // output is the point here, and a failure of the model reaches its results anyway.
    HAZELCAST_LOG.setLevel(Level.SEVERE);
    // A progress line rewritten in place on a terminal; elsewhere (Maven, CI, a pipe) a line per
    // round, as every rewrite would be a line of its own.
    boolean terminal = System.console() != null;
    PrintStream progress = terminal ? System.err : null;
    PrintStream log = terminal ? null : System.err;
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
    Session session = new Session();
    Thread hook = new Thread(() -> onInterrupt(session, options.plan(), System.out, options.out()),
        "shootout-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    int problems = run(options.models(), options.services(), options.plan(), System.out,
        progress, log, options.out(), originals, session);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return; // interrupted: the hook reports, and the JVM ends with the signal's status
    }
    if (problems > 0) {
      // On standard output, after the table, so the two never interleave.
      System.out.println("shootout FAILED: " + problems + " problem(s); see the check column");
      System.out.flush();
      System.exit(1);
    }
  }

  /**
   * The shutdown hook's work: unless the shootout already finished measuring, takes what it
   * measured, closes every open model (waiting for their child processes to end), prints the
   * tables of what was measured and writes the report marked partial. A model that will not
   * close cannot keep the JVM from ending: after {@link #HOOK_DEADLINE} it halts.
   */
  static void onInterrupt(Session session, Plan plan, PrintStream out, Path reportDir) {
    if (!session.interrupt()) {
      return; // finished measuring: the shootout's own thread reports, or has
    }
    Thread halter = new Thread(() -> {
      try {
        Thread.sleep(HOOK_DEADLINE);
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("shootout: models still closing after " + HOOK_DEADLINE.toSeconds()
          + " s of the interruption; halting");
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }, "shootout-interrupted-halter");
    halter.setDaemon(true);
    halter.start();
    session.readChildren(); // while the children are alive
    Findings findings = session.findings();
    Session.Closed closed = session.closeAll();
    long alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    out.println();
    out.printf(Locale.ROOT, "shootout INTERRUPTED after %d of %d measured round(s): closed %s;"
        + " child processes left: %d. What was measured so far:%n", findings.roundsDone(),
        plan.rounds(), closed.models(), alive);
    for (Result r : closed.problems()) {
      out.println("  " + r.model() + ": " + r.problem());
    }
    report(findings, plan, out, reportDir);
    out.flush();
  }

  /** How long the shutdown hook may take to close the models. */
  private static final Duration HOOK_DEADLINE = Duration.ofSeconds(20);

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
   * {@link #run(List, List, Plan, PrintStream, PrintStream, PrintStream, Path, List, Session)}
   * in a session of its own, with no round lines.
   */
  static int run(List<String> models, List<DemoService> services, Plan plan, PrintStream out,
      PrintStream progress, Path reportDir, List<Reference.Runtime> originals) {
    return run(models, services, plan, out, progress, null, reportDir, originals, new Session());
  }

  /**
   * Runs each of {@code services} on each of {@code models} as {@code plan} says, then the
   * memory probes and the concurrency levels, prints the tables to {@code out} (a progress line
   * to {@code progress} and a line per round to {@code log}, each if not null), writes the
   * report's files into {@code reportDir} (if not null) and returns the number of problems: wrong
   * results, failures, models that would not open or close cleanly, a report that could not be
   * written, and no models at all. After the models, each of {@code originals} runs the services
   * that have a program of theirs (the defaults), under the same plan. Everything measured goes
   * into {@code session}; if its hook {@link Session#interrupt takes over}, this stops starting
   * work and returns 0, leaving the report to the hook.
   */
  static int run(List<String> models, List<DemoService> services, Plan plan, PrintStream out,
      PrintStream progress, PrintStream log, Path reportDir, List<Reference.Runtime> originals,
      Session session) {
    out.printf(Locale.ROOT,
        "execmodels shootout: %d service(s) on %d model(s) %s; %d CPUs, Java %s%n",
        services.size(), models.size(), models, Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    out.println(plan.describe());
    out.println();
    if (models.isEmpty()) {
      out.println(
          "No model is available: put a model module (execmodels-csp...) on the class path.");
      return 1;
    }
    long began = System.nanoTime();
    try {
      for (String name : models) {
        long t0 = System.nanoTime();
        try {
          ExecutionModel model = ExecutionModels.open(name);
          session.opened(name, model, Duration.ofNanos(System.nanoTime() - t0));
          out.println(name + ": " + describe(model.traits()));
        } catch (RuntimeException e) {
          session.problem(new Result(name, null, null, List.of(), List.of(), null,
              "model: " + e));
        }
      }
      Map<String, ExecutionModel> open = session.open();
      Map<String, Map<DemoService, Cell>> cells = new LinkedHashMap<>();
      for (String name : open.keySet()) {
        Map<DemoService, Cell> byService = new LinkedHashMap<>();
        for (DemoService service : services) {
          byService.put(service, session.cell(name, service));
        }
        cells.put(name, byService);
      }
      Random order = new Random(plan.seed());
      int total = plan.warmup() + plan.rounds();
      for (int round = 0; round < total; round++) {
        List<String> turn = new ArrayList<>(open.keySet());
        Collections.shuffle(turn, order);
        boolean measured = round >= plan.warmup();
        String which = String.format(Locale.ROOT, "%s round %d/%d", measured ? "measured"
            : "warm-up", measured ? round - plan.warmup() + 1 : round + 1,
            measured ? plan.rounds() : plan.warmup());
        for (String name : turn) {
          for (DemoService service : services) {
            if (session.interrupted()) {
              return 0;
            }
            show(progress, which + ": " + service.name() + " on " + name);
            cells.get(name).get(service).runTurn(open.get(name), measured, plan.minTurn());
          }
          session.attributeChildren(name);
        }
        if (measured) {
          session.roundDone();
        }
        if (log != null) {
          log.printf(Locale.ROOT, "shootout: %s done (%.1f s)%n", which,
              (System.nanoTime() - began) / 1e9);
        }
      }
      if (plan.memory()) {
        for (var e : open.entrySet()) {
          if (session.interrupted()) {
            return 0;
          }
          show(progress, "memory per parked task on " + e.getKey());
          session.memory(TaskMemory.probe(e.getKey(), e.getValue()));
          session.attributeChildren(e.getKey());
        }
      }
      for (int rate : plan.rates()) {
        List<String> turn = new ArrayList<>(open.keySet());
        Collections.shuffle(turn, order);
        for (String name : turn) {
          for (RequestWorkload w : RequestWorkload.all()) {
            if (session.interrupted()) {
              return 0;
            }
            show(progress, "level " + rate + " req/s: " + w.name() + " on " + name);
            session.level(LevelResult.measure(name, open.get(name), w, rate, plan.window()));
          }
        }
        if (log != null) {
          log.printf(Locale.ROOT, "shootout: level %d req/s done (%.1f s)%n", rate,
              (System.nanoTime() - began) / 1e9);
        }
      }
      session.readChildren();
    } finally {
      if (!session.interrupted()) {
        session.closeAll();
      }
    }
    List<DemoService> defaults = services();
    for (Reference.Runtime runtime : originals) {
      for (DemoService service : services) {
        if (defaults.stream().noneMatch(d -> d.name().equals(service.name())
            && d.workload().equals(service.workload()))) {
          continue; // not at its default size: the originals' programs do not have it
        }
        if (session.interrupted()) {
          return 0;
        }
        show(progress, service.name() + " on " + runtime.name());
        session.original(Reference.run(runtime, service, runtime.warmup(plan.warmup()),
            plan.rounds()));
      }
      if (plan.memory() && !session.interrupted()) {
        show(progress, "memory per parked task on " + runtime.name());
        session.memory(Reference.memory(runtime, TaskMemory.VIRTUAL_TASKS));
      }
      if (!plan.rates().isEmpty() && !session.interrupted()) {
        show(progress, "levels " + plan.rates() + " req/s on " + runtime.name());
        Reference.levels(runtime, plan.rates(), plan.window()).forEach(session::level);
      }
    }
    show(progress, "");
    if (!session.finish()) {
      return 0; // the hook took over as the originals ended: it reports
    }
    return report(session.findings(), plan, out, reportDir);
  }

  /** Rewrites the progress line, if there is one; an empty text clears it. */
  private static void show(PrintStream progress, String text) {
    if (progress != null) {
      progress.printf(Locale.ROOT, text.isEmpty() ? "\r%-70s\r" : "\r%-70s", text);
      progress.flush();
    }
  }

  /**
   * Prints {@code findings} as tables and verdicts to {@code out}, writes the report's files into
   * {@code reportDir} (if not null), and returns the number of problems in them.
   */
  static int report(Findings findings, Plan plan, PrintStream out, Path reportDir) {
    List<Result> rows = findings.results();
    out.println();
    printStartUp(findings.startUp(), out);
    printTable(rows, out);
    printMemory(findings, out);
    printLevels(findings.levels(), out);
    List<Verdicts.Verdict> verdicts = Verdicts.of(findings);
    printVerdicts(verdicts, out);
    int problems = 0;
    for (Result row : rows) {
      if (!row.ok()) {
        problems++;
      }
    }
    for (LevelResult level : findings.levels()) {
      if (!level.ok()) {
        problems++;
      }
    }
    if (reportDir != null) {
      try {
        Path html = Report.write(reportDir, new Report.Header("execmodels shootout",
            Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            plan.describe()), findings, verdicts);
        out.println("report: " + html.toAbsolutePath() + (findings.partial() ? " (PARTIAL)" : "")
            + " (with results.csv, levels.csv, memory.csv and results.json)");
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
      out.println("    cheap to fan out?        " + v.fanOut());
      out.println("    scales by                " + v.scales());
      out.println("    isolation                " + v.isolation());
    }
    out.println();
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
    String format = "%-25s %-10s %-30s %16s %9s %9s %9s %8s %6s %7s %8s %9s %7s %9s  %s%n";
    out.printf(Locale.ROOT, format, "model", "service", "workload", "result", "min ms",
        "median ms", "max ms", "cpu ms", "cores", "heap MB", "spawned", "succeeded", "failed",
        "cancelled", "check");
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
          timed && row.medianHeapPeak() >= 0 ? mb(row.medianHeapPeak()) : "-",
          t == null ? "-" : t.spawned(),
          t == null ? "-" : t.succeeded(),
          t == null ? "-" : t.failed(),
          t == null ? "-" : t.cancelled(),
          row.ok() ? "ok" : row.problem());
    }
    out.println();
    out.println("Times are the wall time of one run of the service, from outside the model, over"
        + " the measured rounds; cpu ms is a run's median CPU time (this JVM and its child"
        + " processes), cores that over the wall time; heap MB the median peak heap of this JVM"
        + " during a run (the heap pools' peaks summed: an upper bound; child processes are not in"
        + " it, see the memory table); task counts are from model.stats() over the last measured"
        + " run, its main task included.");
    out.println(Report.SHORT_SERVICES_NOTE);
    printLatencies(rows, out);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }

  /** Per model: the heap a parked task costs, and the child processes and their memory. */
  private static void printMemory(Findings findings, PrintStream out) {
    if (findings.memory().isEmpty()) {
      return;
    }
    out.println();
    String format = "%-25s %8s %14s %-15s %-24s %9s %14s  %s%n";
    out.printf(Locale.ROOT, format, "model", "parked", "heap B/task", "task", "measure",
        "children", "child peak MB", "check");
    for (TaskMemory m : findings.memory()) {
      ChildProcesses.Usage c = findings.children().get(m.model());
      out.printf(Locale.ROOT, format, m.model(), m.ok() ? m.tasks() : "-",
          m.ok() ? m.bytesPerTask() : "-", m.task(), m.measure(),
          c == null ? 0 : c.processes(),
          c == null ? "-" : c.peakBytes() < 0 ? "unknown" : mb(c.peakBytes()),
          m.ok() ? "ok" : m.problem());
    }
    out.println();
    out.println("heap B/task: the heap in use, after a full GC, with that many tasks parked at once"
        + " on a channel, less the heap after they ended, over their number. A virtual thread's"
        + " stack is in the heap; a platform thread's is not (about 1 MB reserved each, what it"
        + " touched resident), so fewer are parked and its figure is only its objects. child peak:"
        + " the sum of the model's child processes' peak resident memory (VmHWM), not in any heap"
        + " figure. The originals measure their own runtime's memory their own way (measure:"
        + " see examples/reference/README.md): beside the models' figures, not the same"
        + " ruler.");
  }

  /** Per model, request workload and arrival rate: throughput and latency. */
  private static void printLevels(List<LevelResult> levels, PrintStream out) {
    if (levels.isEmpty()) {
      return;
    }
    out.println();
    String format = "%-25s %-9s %9s %9s %11s %9s %9s %9s  %s%n";
    out.printf(Locale.ROOT, format, "model", "workload", "offered/s", "requests", "completed/s",
        "p50 ms", "p99 ms", "max ms", "check");
    List<LevelResult> sorted = levels.stream()
        .sorted(java.util.Comparator.comparing(LevelResult::workload)
            .thenComparing(LevelResult::model).thenComparingInt(LevelResult::rate)).toList();
    for (LevelResult l : sorted) {
      boolean timed = !l.latencies().isEmpty();
      List<Duration> lat = l.latencies();
      out.printf(Locale.ROOT, format, l.model(), l.workload(), l.rate(), l.requests(),
          timed ? String.format(Locale.ROOT, "%.0f", l.throughput()) : "-",
          timed ? ms(percentile(lat, 0.50)) : "-", timed ? ms(percentile(lat, 0.99)) : "-",
          timed ? ms(lat.get(lat.size() - 1)) : "-", l.ok() ? "ok" : l.problem());
    }
    out.println();
    out.println("Concurrency levels: requests offered open loop at each rate for the window, once"
        + " per model after the measured rounds; completed/s is every request over the time from"
        + " the first arrival to the last end (below the offered rate when the model falls"
        + " behind); latency from each request's scheduled arrival, on the model's clock (virtual"
        + " under sim). The originals' levels run in one process of their own after the models,"
        + " after one unreported pass of each workload at the lowest rate.");
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
