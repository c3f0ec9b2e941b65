package io.execmodels.gilsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What the {@code gil-threads} model adds to the TCK: where it gives the GIL up, and options. */
class GilThreadsModelTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static ExecutionModel open(Config config) {
    return ExecutionModels.open(config.withModel(GilThreadsModelProvider.NAME));
  }

  @Test
  void blockingCallsOfTwoTasksOverlapBecauseEachGivesTheGilUp() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = open(Config.defaults())) {
        CountDownLatch bothInside = new CountDownLatch(2);
        int done = model.run(ctx -> {
          List<Task<Integer>> tasks = List.of(1, 2).stream().map(i -> ctx.spawn(c -> c.blocking(
              () -> {
                bothInside.countDown();
                bothInside.await();
                return i;
              }))).toList();
          return ctx.awaitAll(tasks).stream().mapToInt(Integer::intValue).sum();
        });
        assertThat(done).isEqualTo(3);
      }
    });
  }

  @Test
  void aSleepingTaskLetsATaskThatNeverReachesACheckpointRun() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = open(Config.defaults())) {
        AtomicBoolean spinnerRan = new AtomicBoolean();
        model.run(ctx -> {
          Task<Void> spinner = ctx.spawn(c -> {
            spinnerRan.set(true); // no checkpoint: it runs only if the GIL is free
            return null;
          });
          while (!spinnerRan.get()) {
            ctx.sleep(Duration.ZERO); // time.sleep(0) releases the GIL too
          }
          return ctx.await(spinner);
        });
      }
    });
  }

  @Test
  void cpuBoundTasksAtCheckpointsAreSwitchedByDropRequestsCountedInTheModelsStats() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = open(Config.defaults().withOption("gil.switchInterval",
          "0.0005"))) {
        model.run(ctx -> {
          CountDownLatch started = new CountDownLatch(2);
          List<Task<Void>> tasks = List.of(1, 2).stream().map(i -> ctx.<Void>spawn(c -> {
            started.countDown();
            long until = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < until || started.getCount() > 0) {
              c.checkpoint();
            }
            return null;
          })).toList();
          return ctx.awaitAll(tasks);
        });
        var stats = model.stats().model();
        assertThat(stats).containsKeys("gil.takes", "gil.switches", "gil.heldNanos",
            "gil.waitedNanos", "gil.forcedSwitches", "threads.live");
        assertThat(stats.get("gil.dropRequests")).isPositive();
        assertThat(stats.get("gil.forcedSwitches")).isPositive();
      }
    });
  }

  @Test
  void anInterruptedTaskSleepsParkedRatherThanSpinningThroughTheGil() throws Exception {
    try (ExecutionModel model = open(Config.defaults())) {
      long takes = model.run(ctx -> {
        Thread.currentThread().interrupt();
        long before = Gil.current().stats().takes();
        ctx.sleep(Duration.ofMillis(50));
        boolean kept = Thread.interrupted();
        assertThat(kept).as("interrupt kept").isTrue();
        return Gil.current().stats().takes() - before;
      });
      // A park cut short by the interrupt at every turn would give the GIL up and take it back
      // many thousand times in 50 ms.
      assertThat(takes).isLessThan(10);
    }
  }

  @Test
  void aWaitInsideABlockingCallParksWithoutTheGilItHasGivenUp() throws Exception {
    try (ExecutionModel model = open(Config.defaults())) {
      Object r = model.run(ctx -> ctx.blocking(() -> {
        ctx.sleep(Duration.ofMillis(1));
        return "slept";
      }));
      assertThat(r).isEqualTo("slept");
    }
  }

  @Test
  void noThreadStartsUnderTheGilOfAClosedModelAsCPythonsShutdownRefusesThem() throws Exception {
    Gil gil;
    try (ExecutionModel model = open(Config.defaults())) {
      gil = model.run(ctx -> Gil.current());
    }
    assertThat(gil.isFinalized()).isTrue();
    assertThatThrownBy(() -> new io.execmodels.gilsim.threading.PyThread(gil, "late", () -> { })
        .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("can't create new thread at interpreter shutdown");
    assertThatThrownBy(() -> gil.runAsThread(() -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("can't create new thread at interpreter shutdown");
  }

  @Test
  void traitsSayOneThreadAtATimeWithAGilAndAllProcessorsWithout() {
    try (ExecutionModel model = open(Config.defaults())) {
      assertThat(model.traits()).isEqualTo(new Traits(1, Traits.Preemption.CHECKPOINTS,
          Traits.Memory.SHARED, Integer.MAX_VALUE));
    }
    try (ExecutionModel model = open(Config.defaults().withOption("gil.enabled", "false"))) {
      assertThat(model.traits().parallelism())
          .isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(model.traits().preemption()).isEqualTo(Traits.Preemption.FULL);
    }
  }

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> open(Config.defaults().withOption("gil.switchInterval", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gil.switchInterval")
        .hasMessageContaining("strictly positive");
    assertThatThrownBy(() -> open(Config.defaults().withOption("gil.switchInterval", "5ms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number of seconds");
    assertThatThrownBy(() -> open(Config.defaults().withOption("gil.enable", "false")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no option 'gil.enable'; did you mean 'gil.enabled'?");
    assertThatThrownBy(() -> open(Config.defaults().withParallelism(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism 2");
  }

  @Test
  void aTaskSeesTheModelsGilAndCanSetItsSwitchInterval() throws Exception {
    try (ExecutionModel model = open(Config.defaults().withOption("gil.switchInterval", "0.02"))) {
      Duration seen = model.run(ctx -> {
        Gil gil = Gil.current();
        Duration before = gil.switchInterval();
        gil.setSwitchInterval(Duration.ofMillis(1));
        assertThat(gil.switchInterval()).isEqualTo(Duration.ofMillis(1));
        assertThat(gil.isHeldByCurrentThread()).isTrue();
        return before;
      });
      assertThat(seen).isEqualTo(Duration.ofMillis(20));
    }
  }
}
