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
 * asyncio (original)}. A runtime that is not on {@code PATH} is left out and said so; a program
 * that runs past its deadline is killed, and its row says so.
 *
 * <p>Only the services at their default sizes have originals: a service made with other sizes has
 * no reference row.
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
   */
  record Runtime(String name, List<String> command, Traits traits) {}

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
          List.of("node", dir.resolve("node/shootout.js").toString()),
          new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE)));
    } else {
      absent.add("node: not on PATH");
    }
    if (works("go", "version")) {
      Path binary = buildDir.resolve("shootout-go").toAbsolutePath();
      String built = build(dir.resolve("go/shootout.go"), binary);
      if (built == null) {
        ready.add(new Runtime("go (original)", List.of(binary.toString()),
            new Traits(cpus, Traits.Preemption.FULL, Traits.Memory.SHARED, Integer.MAX_VALUE)));
      } else {
        absent.add("go: the program did not build: " + built);
      }
    } else {
      absent.add("go: not on PATH");
    }
    if (works("python3", "--version")) {
      ready.add(new Runtime("python asyncio (original)",
          List.of("python3", dir.resolve("python/shootout.py").toString()),
          new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE)));
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
   * measured, in one process; checks each result against the service's expected one.
   */
  static Result run(Runtime runtime, DemoService service, int warmup, int rounds) {
    List<String> command = new ArrayList<>(runtime.command());
    command.addAll(List.of(service.name(), Integer.toString(warmup), Integer.toString(rounds)));
    List<Measured> runs = new ArrayList<>();
    List<Duration> cpus = new ArrayList<>();
    String problem = null;
    Process p = null;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
      Process running = p;
      Thread killer = new Thread(running::destroyForcibly, "shootout-reference-killer");
      java.lang.Runtime.getRuntime().addShutdownHook(killer);
      try {
        String out = readWithin(p, DEADLINE);
        if (out == null) {
          problem = "FAILED: still running after " + DEADLINE.toSeconds() + " s; killed";
        } else if (p.exitValue() != 0) {
          problem = "FAILED: exit " + p.exitValue() + ": " + last(out);
        } else {
          for (String line : out.lines().toList()) {
            if (line.startsWith("RUN ")) {
              String[] f = line.split(" ", -1);
              long result = Long.parseLong(f[1]);
              if (result != service.expected()) {
                problem = "WRONG: " + result + ", expected " + service.expected();
                break;
              }
              List<Duration> latencies = new ArrayList<>();
              if (f.length > 4 && !f[4].isEmpty()) {
                for (String l : f[4].split(",")) {
                  latencies.add(Duration.ofNanos(Long.parseLong(l)));
                }
              }
              runs.add(new Measured(result, Duration.ofNanos(Long.parseLong(f[2])), latencies));
              cpus.add(Duration.ofNanos(Long.parseLong(f[3])));
            }
          }
          if (problem == null && runs.size() != rounds) {
            problem = "FAILED: " + runs.size() + " of " + rounds + " rounds reported: "
                + last(out);
          }
        }
      } finally {
        removeHook(killer);
      }
    } catch (IOException | RuntimeException e) {
      problem = "FAILED: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "FAILED: interrupted";
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
    if (problem != null) {
      runs.clear();
      cpus.clear();
    }
    return new Result(runtime.name(), runtime.traits(), service, runs, cpus, null, problem);
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
