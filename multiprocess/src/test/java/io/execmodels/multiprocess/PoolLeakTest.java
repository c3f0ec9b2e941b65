package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Start, submit, close, many times over: no child, thread or temporary file may be left. The
 * acceptance figure is 200 cycles ({@code -Dexecmodels.multiprocess.cycles=200}); the default run
 * does 10 (1.5-4 s a cycle on 2 busy cores: two JVMs start each time).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class PoolLeakTest {

  @Test
  void startSubmitCloseCyclesLeaveNoChildThreadOrTempFile() throws Exception {
    int cycles = Integer.getInteger("execmodels.multiprocess.cycles", 10);
    Set<Path> filesBefore = tempEntries();
    Set<Long> pids = new java.util.HashSet<>();
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    for (int i = 0; i < cycles; i++) {
      int n = i;
      try (WorkerPool pool = WorkerPool.start(PoolOptions.defaults().withWorkers(2))) {
        assertThat(pool.submit(() -> n * 2).get(60, TimeUnit.SECONDS)).isEqualTo(2 * n);
        pids.addAll(pool.pids());
      }
      assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
          .as("children alive after cycle %d", i).isEmpty();
    }
    List<Thread> left = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !threadsBefore.contains(t) && t.isAlive() && !isJdkShared(t))
        .toList();
    assertThat(left).as("threads started during the cycles and still alive").isEmpty();
    assertThat(pids).as("children started").hasSize(2 * cycles)
        .allSatisfy(pid -> assertThat(Children.ended(pid)).as("child %d ended", pid).isTrue());
    Set<Path> filesAfter = tempEntries();
    filesAfter.removeAll(filesBefore);
    // Other JVMs on the machine come and go in hsperfdata: only our children's pids count there.
    filesAfter.removeIf(p -> p.getParent().getFileName().toString().startsWith("hsperfdata")
        && pids.stream().noneMatch(pid -> p.getFileName().toString().equals(Long.toString(pid))));
    assertThat(filesAfter).as("new entries in the temporary directories").isEmpty();
  }

  /**
   * Threads the JDK keeps for every user: virtual-thread carriers, and the cached pool that waits
   * on child processes ("process reaper"), whose idle threads linger for a minute.
   */
  private static boolean isJdkShared(Thread t) {
    return t.getClass().getName().equals("jdk.internal.misc.CarrierThread")
        || t.getName().equals("process reaper");
  }

  /** Entries of the temporary directories a pool could write to (sockets, perf data). */
  static Set<Path> tempEntries() throws IOException {
    Set<Path> all = new java.util.HashSet<>();
    for (Path dir : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/tmp"),
        Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name")))) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          all.addAll(s.filter(p -> p.getFileName().toString().startsWith("execmodels-pool-")
              || dir.getFileName().toString().startsWith("hsperfdata")).collect(Collectors.toSet()));
        }
      }
    }
    return all;
  }
}
