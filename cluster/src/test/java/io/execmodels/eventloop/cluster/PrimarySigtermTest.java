package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGTERM of a primary JVM: its shutdown hook disconnects its workers; no worker is left. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrimarySigtermTest {

  @Test
  void sigtermOfThePrimaryLeavesNoWorker() throws Exception {
    Process primary = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        TermPrimary.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Long> pids = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(primary.getInputStream(), StandardCharsets.UTF_8));
      // Bounded by the test's timeout: the primary prints two pids and "ready", or ends.
      for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
        if (line.startsWith("pid ")) {
          pids.add(Long.parseLong(line.substring(4)));
        }
      }
      assertThat(pids).hasSize(2);
      primary.destroy(); // SIGTERM
      assertThat(primary.waitFor(60, TimeUnit.SECONDS)).as("the primary ended").isTrue();
    } finally {
      primary.destroyForcibly();
      primary.waitFor(30, TimeUnit.SECONDS);
    }
    for (long pid : pids) {
      // The hook waits for its workers to be reaped before the primary exits.
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("worker pid " + pid + " after the primary's SIGTERM").isFalse();
    }
  }
}
