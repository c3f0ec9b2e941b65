package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool's children do not outlive their parent: checked by pid, with a real parent JVM. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrphanTest {

  @Test
  void childrenExitSoonAfterTheirParentIsKilled() throws Exception {
    Process parent = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OrphanParent.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    List<Long> pids = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("pids ")) {
          for (String p : line.substring(5).split(" ")) {
            pids.add(Long.parseLong(p));
          }
          break;
        }
      }
      assertThat(pids).as("the parent's children").hasSize(2)
          .allSatisfy(pid -> assertThat(Children.ended(pid)).isFalse());

      parent.destroyForcibly();
      assertThat(parent.waitFor(30, TimeUnit.SECONDS)).as("parent killed").isTrue();

      // One child is idle (it sees its socket end), the other runs a 10-minute task (its
      // watchdog sees its parent change): both must be gone well within the bound.
      for (long pid : pids) {
        assertThat(Children.awaitEnded(pid, Duration.ofSeconds(10)))
            .as("child %d ended after its parent was killed", pid).isTrue();
      }
    } finally {
      parent.destroyForcibly();
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
