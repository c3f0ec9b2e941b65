package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.execmodels.core.Channel;
import io.execmodels.core.Config;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GOMAXPROCS: {@code Config.parallelism} bounds how many of the model's goroutines execute. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParallelismTest {

  private static final int CARRIERS = Integer.getInteger(
      "jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());

  /**
   * Spawns goroutines that spin through a shared section with checkpoints, counting how many are
   * inside at once, and waits for them; returns the most seen.
   */
  private static int mostExecutingAtOnce(Ctx ctx, int goroutines) throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Task<Object>> tasks = new ArrayList<>();
    for (int g = 0; g < goroutines; g++) {
      tasks.add(ctx.spawn(c -> {
        for (int round = 0; round < 200; round++) {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          for (int spin = 0; spin < 2_000; spin++) {
            Thread.onSpinWait();
          }
          inside.decrementAndGet();
          c.checkpoint();
        }
        return null;
      }));
    }
    ctx.awaitAll(tasks);
    return most.get();
  }

  @Test
  void parallelismOneLetsOneGoroutineExecuteAtATime() throws Exception {
    assumeTrue(CARRIERS >= 2, "needs two carriers to show that the limit, not the JDK, bounds it");
    try (ExecutionModel model =
        ExecutionModels.open(Config.defaults().withModel("csp").withParallelism(1))) {
      assertThat(model.traits().parallelism()).isEqualTo(1);
      assertThat((int) model.run(ctx -> mostExecutingAtOnce(ctx, 4))).isEqualTo(1);
    }
  }

  @Test
  void aGoroutineThatWaitsGivesItsProcessorToAnother() throws Exception {
    try (ExecutionModel model =
        ExecutionModels.open(Config.defaults().withModel("csp").withParallelism(1))) {
      // With one processor, the receiver must give it up while it waits, or the sender never runs.
      int got = model.run(ctx -> {
        var ch = ctx.<Integer>channel(0);
        ctx.spawn(c -> {
          ch.send(42);
          return null;
        });
        return ch.receive();
      });
      assertThat(got).isEqualTo(42);
    }
  }

  @Test
  void aGoroutineInABlockingCallGivesItsProcessorToAnother() throws Exception {
    try (ExecutionModel model =
        ExecutionModels.open(Config.defaults().withModel("csp").withParallelism(1))) {
      // The blocking call waits for a latch only another goroutine opens: it must run meanwhile.
      var latch = new java.util.concurrent.CountDownLatch(1);
      model.run(ctx -> {
        ctx.spawn(c -> {
          latch.countDown();
          return null;
        });
        return ctx.blocking(() -> {
          latch.await();
          return null;
        });
      });
      assertThat(latch.getCount()).isZero();
    }
  }

  @Test
  void aGoroutineBlockedInAJdkLockHasItsProcessorRetaken() throws Exception {
    // a holds the lock and sleeps (giving its processor up) until b is blocked in the lock, where
    // core cannot see it, holding the processor. a must get a processor back to unlock: retaken
    // from b, whose thread is blocked, as Go's monitor retakes a P from a goroutine in a system
    // call. b tries the lock only once a holds it, and a sleeps until b waits for it: no order
    // left to timing.
    ReentrantLock mu = new ReentrantLock();
    try (ExecutionModel model =
        ExecutionModels.open(Config.defaults().withModel("csp").withParallelism(1))) {
      int done = model.run(ctx -> {
        Channel<Boolean> locked = ctx.channel(1);
        Task<Integer> a = ctx.spawn(c -> {
          mu.lock();
          try {
            locked.send(true);
            while (!mu.hasQueuedThreads()) {
              c.sleep(Duration.ofMillis(1));
            }
          } finally {
            mu.unlock();
          }
          return 1;
        });
        Task<Integer> b = ctx.spawn(c -> {
          locked.receive();
          mu.lock();
          mu.unlock();
          return 1;
        });
        return ctx.await(a) + ctx.await(b);
      });
      assertThat(done).isEqualTo(2);
    }
  }

  @Test
  void aWaitInsideABlockingCallDoesNotFreeASecondProcessor() throws Exception {
    assumeTrue(CARRIERS >= 2, "needs two carriers to show that the limit, not the JDK, bounds it");
    try (ExecutionModel model =
        ExecutionModels.open(Config.defaults().withModel("csp").withParallelism(1))) {
      int most = model.run(ctx -> {
        Channel<Integer> ch = ctx.channel(0);
        Channel<Boolean> waiting = ctx.channel(1);
        // Gives its processor up for the blocking call, then parks inside it: nothing more.
        Task<Integer> nested = ctx.spawn(c -> c.blocking(() -> {
          waiting.send(true);
          return ch.receive();
        }));
        waiting.receive();
        int seen = mostExecutingAtOnce(ctx, 2);
        ch.send(1);
        ctx.await(nested);
        return seen;
      });
      assertThat(most).as("goroutines executing at once with parallelism 1").isEqualTo(1);
    }
  }

  @Test
  void withoutALimitGoroutinesExecuteOnEveryCarrier() throws Exception {
    assumeTrue(CARRIERS >= 2, "needs two carriers");
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      assertThat(model.traits().parallelism()).isEqualTo(CARRIERS);
      // Two goroutines that each wait, spinning and never parking, for the other to arrive: they
      // can only both arrive if they execute at the same time.
      AtomicInteger arrived = new AtomicInteger();
      model.run(ctx -> {
        List<Task<Object>> tasks = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
          tasks.add(ctx.spawn(c -> {
            arrived.incrementAndGet();
            while (arrived.get() < 2) {
              Thread.onSpinWait();
            }
            return null;
          }));
        }
        ctx.awaitAll(tasks);
        return null;
      });
      assertThat(arrived.get()).isEqualTo(2);
    }
  }

  @Test
  void moreParallelismThanCarriersIsRefusedWithTheFlagThatGivesMore() {
    Config config = Config.defaults().withModel("csp").withParallelism(CARRIERS + 1);
    assertThatThrownBy(() -> ExecutionModels.open(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism " + (CARRIERS + 1))
        .hasMessageContaining("-Djdk.virtualThreadScheduler.parallelism=" + (CARRIERS + 1));
  }
}
