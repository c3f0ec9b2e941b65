package io.execmodels.examples;

import io.execmodels.core.Traits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The originals: the shootout's services written for Node.js, Go and CPython ({@code
 * examples/reference}, see its README), run under the same plan as the models, so their rows sit
 * beside the emulations' as {@code node (original)}, {@code go (original)} and {@code python
 * asyncio (original)}: the services' rounds ({@link #run}), the request workloads at the plan's
 * concurrency levels ({@link #levels}) and the memory of a parked task ({@link #memory}). A
 * runtime that is not on {@code PATH} is left out and said so; a program that runs past its
 * deadline is killed, and its row says so.
 *
 * <p>Only the services at their default sizes have originals: a service made with other sizes has
 * no reference row.
 *
 * <p>Thread-safe: it keeps no state; each call runs a process of its own, which it waits for (up
 * to {@link #DEADLINE}) and never leaves running, even if the JVM exits meanwhile.
 */
final class Reference {
  private Reference() {}

  /** How long one program may run: all the rounds of one service. */
  static final Duration DEADLINE = Duration.ofMinutes(2);

  /**
   * One original runtime, ready to run.
   *
   * @param name the row's model name
   * @param command the command up to the program's arguments
   * @param traits what the original is, as the models' traits say it
   * @param compilesWhileRunning whether it compiles hot code as it runs (V8 does; Go compiles
   *     ahead of time, CPython 3.11 interprets): only such a runtime gets warm-up runs, which
   *     would otherwise only add CPython's CPU time (25 to 30 times the JVM's) to the run
   */
  record Runtime(String name, List<String> command, Traits traits,
      boolean compilesWhileRunning) {

    /** The warm-up runs of {@code planned} this runtime needs. */
    int warmup(int planned) {
      return compilesWhileRunning ? planned : 0;
    }
  }

  /** What {@link #find} found: the runtimes ready, and a line on each that is not. */
  record Found(List<Runtime> runtimes, List<String> absent) {}

  /**
   * The runtimes on {@code PATH} whose programs are under {@code dir}; Go's program is built into
   * {@code buildDir} first.
   */
  static Found find(Path dir, Path buildDir) {
    List<Runtime> ready = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      absent.add("no reference programs at " + dir.toAbsolutePath());
      return new Found(ready, absent);
    }
    int cpus = java.lang.Runtime.getRuntime().availableProcessors();
    if (works("node", "--version")) {
      ready.add(new Runtime("node (original)",
          List.of("node", "--expose-gc", dir.resolve("node/shootout.js").toString()),
          new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE), true));
    } else {
      absent.add("node: not on PATH");
    }
    if (works("go", "version")) {
      Path binary = buildDir.resolve("shootout-go").toAbsolutePath();
      String built = build(dir.resolve("go/shootout.go"), binary);
      if (built == null) {
        ready.add(new Runtime("go (original)", List.of(binary.toString()),
            new Traits(cpus, Traits.Preemption.FULL, Traits.Memory.SHARED, Integer.MAX_VALUE),
            false));
      } else {
        absent.add("go: the program did not build: " + built);
      }
    } else {
      absent.add("go: not on PATH");
    }
    if (works("python3", "--version")) {
      ready.add(new Runtime("python asyncio (original)",
          List.of("python3", dir.resolve("python/shootout.py").toString()),
          new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE), false));
    } else {
      absent.add("python3: not on PATH");
    }
    return new Found(ready, absent);
  }

  /** Whether {@code command} runs and exits 0 within 10 s: a runtime on {@code PATH}. */
  static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Builds Go's program; null if it built, else what went wrong. */
  private static String build(Path source, Path binary) {
    try {
      Files.createDirectories(binary.getParent());
      ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", binary.toString(),
          source.toAbsolutePath().toString()).redirectErrorStream(true);
      pb.environment().put("GO111MODULE", "off");
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return "go build took over 2 minutes";
      }
      return p.exitValue() == 0 ? null : new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Runs {@code service} on {@code runtime}: {@code warmup} rounds not counted, {@code rounds}
   * measured, in one process; checks each result against the service's expected one. Blocks until
   * the program ends or its {@link #DEADLINE} passes; a failure is the row's problem.
   */
  static Result run(Runtime runtime, DemoService service, int warmup, int rounds) {
    Output out = execute(runtime, List.of(service.name(), Integer.toString(warmup),
        Integer.toString(rounds)));
    return out.problem() != null
        ? new Result(runtime.name(), runtime.traits(), service, List.of(), List.of(), null,
            out.problem())
        : parseRuns(runtime, service, rounds, out.text());
  }

  /**
   * The row of {@code service} on {@code runtime} from the program's output {@code text}: a
   * {@code RUN <result> <wall_ns> <cpu_ns> <latency_ns,...>} line per measured round, each
   * result checked against the service's expected one, and {@code rounds} of them.
   */
  static Result parseRuns(Runtime runtime, DemoService service, int rounds, String text) {
    List<Measured> runs = new ArrayList<>();
    List<Duration> cpus = new ArrayList<>();
    String problem = null;
    try {
      for (String line : text.lines().toList()) {
        if (!line.startsWith("RUN ")) {
          continue;
        }
        String[] f = line.split(" ", -1);
        long result = Long.parseLong(f[1]);
        if (result != service.expected()) {
          problem = "WRONG: " + result + ", expected " + service.expected();
          break;
        }
        runs.add(new Measured(result, Duration.ofNanos(Long.parseLong(f[2])),
            f.length > 4 ? nanos(f[4]) : List.of()));
        cpus.add(Duration.ofNanos(Long.parseLong(f[3])));
      }
      if (problem == null && runs.size() != rounds) {
        problem = "FAILED: " + runs.size() + " of " + rounds + " rounds reported: " + last(text);
      }
    } catch (RuntimeException e) { // a malformed line: the program broke the contract
      problem = "FAILED: unreadable output (" + e + "): " + last(text);
    }
    if (problem != null) {
      runs.clear();
      cpus.clear();
    }
    return new Result(runtime.name(), runtime.traits(), service, runs, cpus, null, problem);
  }

  /**
   * Offers the request workloads ({@link RequestWorkload#all()}) open loop on {@code runtime} at
   * each of {@code rates} for {@code window} (in whole milliseconds), in one process, after one
   * unreported pass of each at the lowest rate; a {@link LevelResult} per rate and workload, in
   * that order. Each level's request count, latencies and sum are checked; if the program fails,
   * every level carries the problem. Blocks until the program ends or its {@link #DEADLINE}
   * passes.
   */
  static List<LevelResult> levels(Runtime runtime, List<Integer> rates, Duration window) {
    if (rates.isEmpty()) {
      return List.of();
    }
    Output out = execute(runtime, List.of("levels", Long.toString(window.toMillis()),
        String.join(",", rates.stream().map(String::valueOf).toList())));
    return parseLevels(runtime.name(), out, rates, window);
  }

  /**
   * The levels from a levels run's output: a line {@code LEVEL <workload> <rate> <requests>
   * <sum> <span_ns> <latency_ns,...>} per workload and rate.
   */
  static List<LevelResult> parseLevels(String name, Output out, List<Integer> rates,
      Duration window) {
    Duration ms = Duration.ofMillis(window.toMillis()); // what the program was given
    List<LevelResult> levels = new ArrayList<>();
    for (int rate : rates) {
      int offered = LevelResult.requests(rate, ms);
      for (RequestWorkload w : RequestWorkload.all()) {
        String prefix = "LEVEL " + w.name() + " " + rate + " ";
        String line = out.problem() != null ? null : out.text().lines()
            .filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        if (line == null) {
          levels.add(new LevelResult(name, w.name(), rate, offered, Duration.ZERO, List.of(),
              out.problem() != null ? out.problem() : "FAILED: no LEVEL line for " + w.name()
                  + " at " + rate + "/s: " + last(out.text())));
          continue;
        }
        levels.add(level(name, w, rate, offered, line));
      }
    }
    return levels;
  }

  /** One level from its LEVEL line, checked: the plan's request count, a latency each, the sum. */
  private static LevelResult level(String name, RequestWorkload w, int rate, int offered,
      String line) {
    String[] f = line.split(" ", -1);
    try {
      if (f.length != 7) {
        throw new IllegalArgumentException("7 fields expected, found " + f.length);
      }
      int requests = Integer.parseInt(f[3]);
      long sum = Long.parseLong(f[4]);
      Duration span = Duration.ofNanos(Long.parseLong(f[5]));
      List<Duration> latencies = nanos(f[6]);
      long expected = w.expected().applyAsLong(requests);
      String problem = requests != offered
          ? "WRONG: " + requests + " requests offered, the plan's level has " + offered
          : latencies.size() != requests
              ? "WRONG: " + latencies.size() + " latencies for " + requests + " requests"
              : sum != expected ? "WRONG: " + sum + ", expected " + expected : null;
      return new LevelResult(name, w.name(), rate, requests, span, latencies, problem);
    } catch (RuntimeException e) { // a malformed line: the program broke the contract
      return new LevelResult(name, w.name(), rate, offered, Duration.ZERO, List.of(),
          "FAILED: unreadable LEVEL line (" + e.getMessage() + "): " + line);
    }
  }

  /**
   * Parks {@code tasks} tasks at once on {@code runtime}, each waiting on one gate (a channel, a
   * promise, a future), and measures them as the runtime measures its own memory (see the
   * reference programs' README); then releases them and checks that all ended. Blocks until the
   * program ends or its {@link #DEADLINE} passes; a failure is the row's problem.
   */
  static TaskMemory memory(Runtime runtime, int tasks) {
    return parseMemory(runtime.name(), execute(runtime, List.of("memory",
        Integer.toString(tasks))), tasks);
  }

  /**
   * The memory row from a memory run's output: a line {@code MEMORY <tasks> <bytes_before>
   * <bytes_parked> <ended> <task> <measure...>}, where task names what was parked and measure
   * what the bytes count (the rest of the line).
   */
  static TaskMemory parseMemory(String name, Output out, int tasks) {
    String line = out.problem() != null ? null : out.text().lines()
        .filter(l -> l.startsWith("MEMORY ")).findFirst().orElse(null);
    if (line == null) {
      return new TaskMemory(name, 0, 0, false, "-", "-", out.problem() != null ? out.problem()
          : "FAILED: no MEMORY line: " + last(out.text()));
    }
    String[] f = line.split(" ", 7);
    try {
      if (f.length != 7) {
        throw new IllegalArgumentException("7 fields expected, found " + f.length);
      }
      int parked = Integer.parseInt(f[1]);
      long before = Long.parseLong(f[2]);
      long with = Long.parseLong(f[3]);
      int ended = Integer.parseInt(f[4]);
      String problem = parked != tasks ? "WRONG: " + parked + " tasks parked, asked " + tasks
          : ended != parked ? "WRONG: " + ended + " of the " + parked + " tasks ended" : null;
      return new TaskMemory(name, problem == null ? parked : 0,
          problem == null ? (with - before) / parked : 0, false, f[5], f[6].strip(), problem);
    } catch (RuntimeException e) { // a malformed line: the program broke the contract
      return new TaskMemory(name, 0, 0, false, "-", "-",
          "FAILED: unreadable MEMORY line (" + e.getMessage() + "): " + line);
    }
  }

  /** Whether {@code model} names an original runtime's row rather than one of the models. */
  static boolean original(String model) {
    return model.endsWith(" (original)");
  }

  /**
   * What a program printed, or why there is nothing to read.
   *
   * @param text its whole output (standard output and error), empty if it could not run
   * @param problem null if it exited 0 within the deadline, else what went wrong
   */
  record Output(String text, String problem) {}

  /**
   * Runs {@code runtime}'s program with {@code arguments} and reads all it prints; kills it at
   * the {@link #DEADLINE}, or if the JVM exits meanwhile (Ctrl-C), so that no process is left.
   */
  private static Output execute(Runtime runtime, List<String> arguments) {
    List<String> command = new ArrayList<>(runtime.command());
    command.addAll(arguments);
    Process p = null;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
      Process running = p;
      Thread killer = new Thread(running::destroyForcibly, "shootout-reference-killer");
      java.lang.Runtime.getRuntime().addShutdownHook(killer);
      try {
        String out = readWithin(p, DEADLINE);
        if (out == null) {
          return new Output("", "FAILED: still running after " + DEADLINE.toSeconds()
              + " s; killed");
        }
        return new Output(out, p.exitValue() == 0 ? null
            : "FAILED: exit " + p.exitValue() + ": " + last(out));
      } finally {
        removeHook(killer);
      }
    } catch (IOException | RuntimeException e) {
      return new Output("", "FAILED: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Output("", "FAILED: interrupted");
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  /** Nanoseconds separated by commas, as durations; none for an empty text. */
  private static List<Duration> nanos(String list) {
    List<Duration> out = new ArrayList<>();
    if (!list.isEmpty()) {
      for (String l : list.split(",")) {
        out.add(Duration.ofNanos(Long.parseLong(l.strip())));
      }
    }
    return out;
  }

  /** The process's whole output if it ends within {@code deadline}, else null (it is killed). */
  private static String readWithin(Process p, Duration deadline)
      throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (InputStream in = p.getInputStream()) {
        String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        synchronized (out) {
          out.append(s);
        }
      } catch (IOException e) {
        synchronized (out) {
          out.append("(output unreadable: ").append(e).append(")");
        }
      }
    });
    if (!p.waitFor(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
      p.destroyForcibly();
      reader.join(Duration.ofSeconds(5));
      return null;
    }
    reader.join(Duration.ofSeconds(30));
    synchronized (out) {
      return out.toString();
    }
  }

  private static String last(String out) {
    List<String> lines = out.strip().lines().toList();
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }

  private static void removeHook(Thread hook) {
    try {
      java.lang.Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook runs and kills the program, as it should.
    }
  }
}
