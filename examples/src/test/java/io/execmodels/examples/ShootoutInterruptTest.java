package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.ExecutionModels;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C, for real: the shootout as a child JVM, interrupted once it has measured a round. */
@Timeout(180)
class ShootoutInterruptTest {

  @Test
  void sigtermClosesEveryModelLeavesNoChildProcessAndKeepsWhatWasMeasured(@TempDir Path dir)
      throws Exception {
    Path stdout = dir.resolve("stdout.txt");
    Path report = dir.resolve("report");
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Shootout.class.getName(),
        "--models", "csp,process-pool", "--services", "cpu-batch,pipeline",
        "--warmup", "1", "--rounds", "1000", "--no-reference", "--out", report.toString());
    assertThat(ExecutionModels.available()).contains("process-pool");
    Process shootout = new ProcessBuilder(command).redirectOutput(stdout.toFile()).start();
    List<ProcessHandle> descendants;
    try {
      // Off a pipe the progress is a line per round on standard error.
      List<String> progress = new ArrayList<>();
      CompletableFuture<Boolean> measuredARound = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader err = shootout.errorReader()) {
          for (String line; (line = err.readLine()) != null; ) {
            synchronized (progress) {
              progress.add(line);
            }
            if (line.startsWith("shootout: measured round 1/1000 done")) {
              return true;
            }
          }
          return false;
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertThat(measuredARound.get(120, TimeUnit.SECONDS)).as("progress: %s", progress).isTrue();
      descendants = shootout.descendants().toList();
      assertThat(descendants).as("the process pool's worker JVMs").isNotEmpty();

      shootout.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks

      assertThat(shootout.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
    } finally {
      shootout.destroyForcibly(); // no-op once it has ended; the test must not leave it behind
    }
    assertThat(shootout.exitValue()).as("the signal's status").isEqualTo(128 + 15);
    // The hook closed the models, which waits for their children; they do not outlive it.
    for (ProcessHandle child : descendants) {
      child.onExit().get(30, TimeUnit.SECONDS);
      assertThat(child.isAlive()).isFalse();
    }
    String printed = Files.readString(stdout);
    assertThat(printed).contains("shootout INTERRUPTED after ", " of 1000 measured round(s)",
        "child processes left: 0", "(PARTIAL)").containsPattern("closed \\[(csp, process-pool|"
            + "process-pool, csp)\\]")
        .containsPattern("(?m)^csp +cpu-batch .* 78498 .* ok$")
        .containsPattern("(?m)^process-pool +pipeline .* 333383335000 .* ok$");
    assertThat(Files.readString(report.resolve("report.html"))).contains("PARTIAL");
    assertThat(Files.readString(report.resolve("results.json"))).contains("\"partial\": true");
    assertThat(Files.readAllLines(report.resolve("results.csv")))
        .anyMatch(l -> l.startsWith("csp,cpu-batch,1,78498,"))
        .anyMatch(l -> l.startsWith("process-pool,cpu-batch,1,78498,"));
  }
}
