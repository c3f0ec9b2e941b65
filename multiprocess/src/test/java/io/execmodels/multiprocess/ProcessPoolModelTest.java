package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolModelTest {

  private static Config config(int workers) {
    return Config.defaults().withModel(ProcessPoolModelProvider.NAME).withParallelism(workers);
  }

  @Test
  void traitsSayWorkersIsolatedMemoryAndFullPreemption() {
    try (ExecutionModel model = ExecutionModels.open(config(3))) {
      assertThat(model.traits()).isEqualTo(new Traits(3, Traits.Preemption.FULL,
          Traits.Memory.ISOLATED, Integer.MAX_VALUE));
    }
  }

  @Test
  void computeRunsTheJobInAChildOnACopyOfWhatItCaptured() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config(2))) {
      long parent = ProcessHandle.current().pid();
      int[] shared = {1};
      List<Object> seen = model.run(ctx -> {
        long pid = ctx.compute(() -> ProcessHandle.current().pid());
        int[] after = ctx.compute(() -> {
          shared[0] = 99;
          return shared;
        });
        return List.of(pid, after[0]);
      });
      assertThat(seen.get(0)).as("pid of the child").isNotEqualTo(parent);
      assertThat(seen.get(1)).as("the child changed its copy").isEqualTo(99);
      assertThat(shared[0]).as("the parent's array is untouched").isEqualTo(1);
    }
  }

  @Test
  void computesFromManyTasksSpreadOverTheWorkers() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config(2))) {
      Set<Long> pids = model.run(ctx -> {
        List<Task<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          tasks.add(ctx.spawn(c -> c.compute(() -> {
            Thread.sleep(20);
            return ProcessHandle.current().pid();
          })));
        }
        return new HashSet<>(ctx.awaitAll(tasks));
      });
      assertThat(pids).as("children that ran the jobs").hasSize(2);
    }
  }

  @Test
  void aJobsFailureIsRethrownByCompute() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config(1))) {
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> {
        throw new IllegalStateException("in the child");
      }))).isInstanceOf(IllegalStateException.class).hasMessage("in the child");
    }
  }

  @Test
  void shutdownNowDoesNotWaitForAJobStillRunningInAChild(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    String marker = started.toString();
    ExecutionModel model = ExecutionModels.open(
        config(1).withShutdownGrace(Duration.ofMillis(500)));
    model.spawn(ctx -> ctx.compute(() -> {
      // Written whole, then moved into place: the test reads it as soon as it exists.
      Path tmp = Files.writeString(Path.of(marker + ".tmp"),
          Long.toString(ProcessHandle.current().pid()));
      Files.move(tmp, Path.of(marker), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(TimeUnit.MINUTES.toMillis(10));
      return null;
    }));
    assertThat(Children.awaitFile(started, Duration.ofSeconds(60))).isTrue();
    long pid = Long.parseLong(Files.readString(started).trim());
    try {
      model.shutdownNow();
    } catch (RuntimeException reported) {
      // The cancelled task's end may be reported; what matters is that nothing is left.
    }
    assertThat(Children.ended(pid)).as("child %d ended", pid).isTrue();
  }

  @Test
  void aBadOptionIsRejectedNamingIt() {
    assertThatThrownBy(() -> ExecutionModels.open(
        config(1).withOption("process-pool.onWorkerDeath", "shrug")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("process-pool.onWorkerDeath");
  }
}
