package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import io.execmodels.multiprocess.BrokenWorkerException;
import java.io.InvalidObjectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cluster} model's {@code compute}: jobs on worker JVMs, each on its own loop. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterModelTest {

  private static Config config(int workers) {
    return Config.defaults().withModel(ClusterModelProvider.NAME).withParallelism(workers);
  }

  /** In a job: waits, up to a minute, until {@code dir} holds {@code n} files. */
  private static void barrier(String dir, int n) throws Exception {
    Files.writeString(Path.of(dir, Long.toString(ProcessHandle.current().pid())), "");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try (var files = Files.list(Path.of(dir))) {
        if (files.count() >= n) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("barrier of " + n + " not reached in a minute");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void traitsSayWorkersIsolatedMemoryAndNoPreemption() {
    try (ExecutionModel model = ExecutionModels.open(config(3))) {
      assertThat(model.traits()).isEqualTo(new Traits(3, Traits.Preemption.NONE,
          Traits.Memory.ISOLATED, Integer.MAX_VALUE));
    }
  }

  @Test
  void jobsRunInTwoWorkersAtOnceThenGoRoundRobin(@TempDir Path dir) throws Exception {
    String d = dir.toString();
    long primary = ProcessHandle.current().pid();
    try (ExecutionModel model = ExecutionModels.open(config(2))) {
      List<Long> pids = model.run(ctx -> {
        // Two jobs that wait for each other: they can only end if two workers run them at once.
        List<Task<Long>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          both.add(ctx.spawn(c -> c.compute(() -> {
            barrier(d, 2);
            return ProcessHandle.current().pid();
          })));
        }
        List<Long> seen = new ArrayList<>(ctx.awaitAll(both));
        for (int i = 0; i < 6; i++) {
          seen.add(ctx.compute(() -> ProcessHandle.current().pid()));
        }
        return seen;
      });
      assertThat(new HashSet<>(pids.subList(0, 2))).as("the barrier's workers").hasSize(2)
          .doesNotContain(primary);
      List<Long> sequential = pids.subList(2, pids.size());
      assertThat(new HashSet<>(sequential)).as("the same two workers")
          .isEqualTo(new HashSet<>(pids.subList(0, 2)));
      for (int i = 1; i < sequential.size(); i++) {
        assertThat(sequential.get(i)).as("job %d goes to the other worker", i + 2)
            .isNotEqualTo(sequential.get(i - 1));
      }
    }
  }

  @Test
  void thePrimaryLoopRunsOtherTasksWhileAJobComputes(@TempDir Path dir) throws Exception {
    Path go = dir.resolve("go");
    String marker = go.toString();
    try (ExecutionModel model = ExecutionModels.open(config(1))) {
      String answer = model.run(ctx -> {
        // The job waits for a file that only another task of the primary writes, after a timer
        // of the primary's loop: a primary blocked by the job would never write it.
        Task<String> job = ctx.spawn(c -> c.compute(() -> {
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
          while (!Files.exists(Path.of(marker))) {
            if (System.nanoTime() > deadline) {
              return "never released";
            }
            Thread.sleep(5);
          }
          return "released";
        }));
        ctx.sleep(Duration.ofMillis(20));
        ctx.blocking(() -> Files.writeString(go, "go"));
        return ctx.await(job);
      });
      assertThat(answer).isEqualTo("released");
    }
  }

  @Test
  void aJobsFailureIsRethrownAsItIs() {
    try (ExecutionModel model = ExecutionModels.open(config(1))) {
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> {
        throw new IllegalStateException("in the worker");
      }))).isInstanceOf(IllegalStateException.class).hasMessage("in the worker");
    }
  }

  @Test
  void aResultOffTheAllowListFailsItsJobNamingTheOptionAndTheWorkerGoesOn() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config(1))) {
      long pid = model.run(ctx -> ctx.compute(() -> ProcessHandle.current().pid()));
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> new outside.Unlisted(7))))
          .isInstanceOf(InvalidObjectException.class)
          .hasMessageContaining("outside.Unlisted is not on the allow-list")
          .hasMessageContaining("cluster.allow");
      long after = model.run(ctx -> ctx.compute(() -> ProcessHandle.current().pid()));
      assertThat(after).as("the same worker").isEqualTo(pid);
    }
  }

  @Test
  void anAllowedClassCrossesBothWays() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(
        config(1).withOption("cluster.allow", "outside.*"))) {
      outside.Unlisted seven = new outside.Unlisted(7);
      outside.Unlisted doubled =
          model.run(ctx -> ctx.compute(() -> new outside.Unlisted(seven.value() * 2)));
      assertThat(doubled).isEqualTo(new outside.Unlisted(14));
    }
  }

  @Test
  void aJobThatDoesNotSerializeFailsBeforeItIsSentAndTheNextRuns() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config(1))) {
      Object notSerializable = new Object();
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> notSerializable.hashCode())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be serializable");
      int answer = model.run(ctx -> ctx.compute(() -> 6 * 7));
      assertThat(answer).isEqualTo(42);
    }
  }

  @Test
  void aWorkerKilledMidJobFailsThatJobAndIsReplaced(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    String marker = started.toString();
    try (ExecutionModel model = ExecutionModels.open(config(1))) {
      Task<Long> doomed = model.spawn(ctx -> ctx.compute(() -> {
        Path tmp = Files.writeString(Path.of(marker + ".tmp"),
            Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, Path.of(marker), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        return 0L;
      }));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!Files.exists(started) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      long victim = Long.parseLong(Files.readString(started).trim());
      ProcessHandle.of(victim).orElseThrow().destroyForcibly();
      assertThatThrownBy(() -> doomed.get(1, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class).cause()
          .isInstanceOf(BrokenWorkerException.class).hasMessageContaining("SIGKILL");
      long replacement = model.run(ctx -> ctx.compute(() -> ProcessHandle.current().pid()));
      assertThat(replacement).as("a new worker").isNotEqualTo(victim);
    }
  }

  @Test
  void closeLeavesNoWorkerProcess(@TempDir Path dir) throws Exception {
    String d = dir.toString();
    Set<Long> pids;
    try (ExecutionModel model = ExecutionModels.open(config(2))) {
      pids = model.run(ctx -> {
        List<Task<Long>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          both.add(ctx.spawn(c -> c.compute(() -> {
            barrier(d, 2);
            return ProcessHandle.current().pid();
          })));
        }
        return new HashSet<>(ctx.awaitAll(both));
      });
      assertThat(model.stats().model()).containsEntry("cluster.jobs", 2L)
          .containsEntry("cluster.forks", 2L);
    }
    assertThat(pids).hasSize(2);
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("worker %d after close", pid).isFalse();
    }
  }

  @Test
  void aBadOptionIsRejectedNamingIt() {
    assertThatThrownBy(() -> ExecutionModels.open(
        config(1).withOption("cluster.maxRestarts", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster.maxRestarts");
    assertThatThrownBy(() -> ExecutionModels.open(
        config(1).withOption("cluster.startTimeout", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster.startTimeout must be an ISO-8601 duration");
    assertThatThrownBy(() -> ExecutionModels.open(
        config(1).withOption("cluster.maxRestart", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster.maxRestarts");
  }
}
