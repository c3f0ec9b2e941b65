package io.execmodels.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the {@code eventloop} model does beyond the TCK: where blocking and CPU work run. */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventLoopModelTest {

  private static ExecutionModel open(Config config) {
    return ExecutionModels.open(config.withModel(EventLoopModelProvider.NAME));
  }

  @Test
  void itIsOneLoopThatSwitchesOnlyAtSuspensionPoints() throws Exception {
    try (ExecutionModel model = open(Config.defaults())) {
      assertThat(model.traits().parallelism()).isEqualTo(1);
      assertThat(model.traits().preemption()).isEqualTo(Traits.Preemption.NONE);
    }
    assertThatThrownBy(() -> open(Config.defaults().withParallelism(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism 2");
  }

  @Test
  void aTaskReachesTheLoopItRunsOnAsAnAsyncFunctionDoes() throws Exception {
    List<String> out = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ExecutionModel model = open(Config.defaults())) {
      model.run(ctx -> {
        EventLoop loop = EventLoop.current();
        loop.nextTick(() -> out.add("tick"));
        loop.setImmediate(() -> out.add("immediate"));
        loop.queueMicrotask(() -> out.add("microtask"));
        out.add("task");
        // As long as the Node twin's sleep, and for its reason: see order/taskReachesItsLoop.js.
        ctx.sleep(Duration.ofMillis(200));
        out.add("after sleep");
        return null;
      });
    }
    assertThat(EventLoop.current()).as("off the loop").isNull();
    assertThat(out).isEqualTo(NodeScript.run("taskReachesItsLoop"));
  }

  @Test
  void tasksInterleaveOnlyWhereTheyWaitNeverInTheMiddleOfARun() throws Exception {
    List<String> out = new ArrayList<>();
    try (ExecutionModel model = open(Config.defaults())) {
      model.run(ctx -> {
        List<Task<Object>> tasks = new ArrayList<>();
        for (String name : List.of("a", "b")) {
          tasks.add(ctx.spawn(c -> {
            // A plain list, unsynchronised: safe because one task runs at a time.
            out.add(name + "1");
            out.add(name + "2");
            c.sleep(Duration.ofMillis(1));
            out.add(name + "3");
            return null;
          }));
        }
        ctx.awaitAll(tasks);
        return null;
      });
    }
    assertThat(out).hasSize(6);
    assertThat(String.join("", out)).containsAnyOf("a1a2b1b2", "b1b2a1a2");
  }

  @Test
  void blockingCallsRunOnTheWorkerPoolWhileOtherTasksRun() throws Exception {
    int workers = 3;
    try (ExecutionModel model = open(Config.defaults()
        .withOption(LoopOptions.THREADPOOL_SIZE, String.valueOf(workers)))) {
      CountDownLatch allIn = new CountDownLatch(workers);
      List<String> threads = model.run(ctx -> {
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
          tasks.add(ctx.spawn(c -> c.blocking(() -> {
            // Each call waits for the others: only a pool of 3 running them at once gets by.
            allIn.countDown();
            if (!allIn.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the calls did not run at the same time");
            }
            return Thread.currentThread().getName();
          })));
        }
        return ctx.awaitAll(tasks);
      });
      assertThat(threads).hasSize(workers).doesNotHaveDuplicates()
          .allSatisfy(n -> assertThat(n).startsWith("execmodels-eventloop-worker-"));
    }
  }

  @Test
  void computeHoldsTheLoopAndCountsAsLoopLag() throws Exception {
    try (ExecutionModel model = open(Config.defaults()
        .withOption(LoopOptions.BLOCKED_THRESHOLD_MILLIS, "20"))) {
      long[] timerDelay = new long[1];
      model.run(ctx -> {
        Task<Object> timer = ctx.spawn(c -> {
          long armed = c.now();
          c.sleep(Duration.ofMillis(1));
          timerDelay[0] = TimeUnit.NANOSECONDS.toMillis(c.now() - armed);
          return null;
        });
        // Let the sleeper start and arm its timer (its start is a microtask run as this parks).
        ctx.sleep(Duration.ZERO);
        ctx.compute(() -> {
          long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
          while (System.nanoTime() < end) {
            Thread.onSpinWait();
          }
          return null;
        });
        return ctx.await(timer);
      });
      // The 1 ms sleep could not end while compute held the loop for 200 ms.
      assertThat(timerDelay[0]).isGreaterThanOrEqualTo(200);
      assertThat(model.stats().model().get("loop.blocked")).isPositive();
    }
  }
}
