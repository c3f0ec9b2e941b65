package io.execmodels.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulation's own promises: determinism, virtual time, and its reports. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SimModelTest {

  private static SimOptions closed(long seed) {
    return SimOptions.defaults().withSchedule(() -> Schedule.random(seed)).withClosedWorld(true);
  }

  @Test
  void sleepsTwentyFourVirtualHoursInUnderASecondOfWallTime() throws Exception {
    try (SimModel warmUp = SimModel.open(closed(0))) {
      // Loads the classes a run needs, so that the bound below is on the run alone.
      warmUp.run(ctx -> ctx.await(ctx.spawn(c -> {
        c.sleep(Duration.ofMillis(1));
        return null;
      })));
    }
    long start = System.nanoTime();
    try (SimModel model = SimModel.open(closed(1))) {
      long slept = model.run(ctx -> {
        long before = ctx.now();
        Task<Long> sleeper = ctx.spawn(c -> {
          c.sleep(Duration.ofHours(24));
          return c.now();
        });
        return ctx.await(sleeper) - before;
      });
      assertThat(slept).isGreaterThanOrEqualTo(Duration.ofHours(24).toNanos());
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  /** A program of 100 tasks passing tokens over channels, sleeping and checkpointing. */
  private static long hundredTaskRun(long seed) throws Exception {
    try (SimModel model = SimModel.open(closed(seed))) {
      model.run(ctx -> {
        Channel<Integer> ring = ctx.channel(3);
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          int id = i;
          tasks.add(ctx.spawn("t" + i, c -> {
            c.sleep(Duration.ofMillis(id % 7));
            ring.send(id);
            c.checkpoint();
            return ring.receive();
          }));
        }
        return ctx.awaitAll(tasks);
      });
      return model.trace().hash();
    }
  }

  @Test
  void aThousandRunsOfAHundredTaskProgramWithOneSeedGiveOneTraceHash() throws Exception {
    Set<Long> hashes = new HashSet<>();
    for (int run = 0; run < 1_000; run++) {
      hashes.add(hundredTaskRun(42));
    }
    assertThat(hashes).hasSize(1);
  }

  @Test
  void differentSeedsExploreDifferentSchedules() throws Exception {
    Set<Long> hashes = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      hashes.add(hundredTaskRun(seed));
    }
    assertThat(hashes).hasSize(10);
  }

  @Test
  void explicitChoicesDecideWhoRunsAndReplayExactly() throws Exception {
    assertThat(order(Schedule.of())).as("0s keep main running").containsExactly("main", "a", "b");
    assertThat(order(Schedule.of(1, 0))).containsExactly("a", "main", "b");
    assertThat(order(Schedule.of(1, 1))).containsExactly("a", "b", "main");
    assertThat(order(Schedule.of(0, 0, 1))).as("b before a when main waits")
        .containsExactly("main", "b", "a");
  }

  private static List<String> order(Schedule schedule) throws Exception {
    List<String> order = new ArrayList<>();
    try (SimModel model = SimModel.open(SimOptions.defaults().withSchedule(schedule)
        .withClosedWorld(true))) {
      model.run(ctx -> {
        Task<Boolean> a = ctx.spawn("a", c -> order.add("a"));
        Task<Boolean> b = ctx.spawn("b", c -> order.add("b"));
        order.add("main");
        return ctx.awaitAll(List.of(a, b));
      });
    }
    return order;
  }

  @Test
  void selectChoosesFromTheScheduleSoTheSameSeedChoosesAlike() throws Exception {
    assertThat(selections(7)).isEqualTo(selections(7));
    assertThat(selections(7)).isNotEqualTo(selections(8));
  }

  private static List<Integer> selections(long seed) throws Exception {
    try (SimModel model = SimModel.open(closed(seed))) {
      return model.run(ctx -> {
        List<Channel<Integer>> channels = List.of(ctx.channel(1), ctx.channel(1), ctx.channel(1));
        List<Integer> chosen = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
          for (Channel<Integer> ch : channels) {
            ch.trySend(1);
          }
          var select = ctx.<Integer>select();
          for (int i = 0; i < channels.size(); i++) {
            int id = i;
            select.onReceive(channels.get(i), v -> id);
          }
          chosen.add(select.run());
        }
        return chosen;
      });
    }
  }

  @Test
  void timeStandsStillWhileATaskCanRun() throws Exception {
    try (SimModel model = SimModel.open(closed(3))) {
      long seen = model.run(ctx -> {
        Task<Void> sleeper = ctx.spawn(c -> {
          c.sleep(Duration.ofSeconds(1));
          return null;
        });
        long before = ctx.now();
        for (int i = 0; i < 100; i++) {
          ctx.checkpoint();
        }
        long during = ctx.now() - before;
        ctx.await(sleeper);
        return during;
      });
      assertThat(seen).isZero();
      assertThat(model.virtualNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }
  }

  @Test
  void theClockWaitsForBlockingCalls() throws Exception {
    try (SimModel model = SimModel.open(closed(4))) {
      long[] times = model.run(ctx -> {
        Task<Long> sleeper = ctx.spawn(c -> {
          c.sleep(Duration.ofHours(1));
          return c.now();
        });
        long afterCall = ctx.blocking(() -> {
          Thread.sleep(20);
          return 0L;
        });
        return new long[] {ctx.now(), ctx.await(sleeper), afterCall};
      });
      assertThat(times[0]).as("the clock when the blocking call came back").isZero();
      assertThat(times[1]).isEqualTo(Duration.ofHours(1).toNanos());
    }
  }

  @Test
  void tasksThatAllWaitWithNoTimerPendingAreReportedAsADeadlockAndCancelled() throws Exception {
    SimModel model = SimModel.open(closed(5));
    Channel<?>[] channels = new Channel<?>[2];
    // Spawned from outside any run, so core's own deadlock detection does not look at them.
    Task<Integer> outer = model.spawn(ctx -> {
      Channel<Integer> a = ctx.channel(0);
      Channel<Integer> b = ctx.channel(0);
      channels[0] = a;
      channels[1] = b;
      Task<Integer> other = ctx.spawn("other", c -> {
        b.receive();
        return a.receive();
      });
      a.receive();
      return ctx.await(other);
    });
    assertThatThrownBy(() -> outer.get(30, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    model.close();
    assertThat(model.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(SimProblem.Kind.DEADLOCK);
      assertThat(p.message()).contains("'other': waits on " + channels[1])
          .contains("waits on " + channels[0]);
    });
  }

  @Test
  void aRunPastTheStepBoundIsReportedAsALivelockAndStopped() {
    SimModel model = SimModel.open(closed(6).withMaxSteps(1_000));
    assertThatThrownBy(() -> model.run(ctx -> {
      Task<Void> spinner = ctx.spawn("spinner", c -> {
        while (true) {
          c.checkpoint();
        }
      });
      return ctx.await(spinner);
    })).isInstanceOf(CancellationException.class);
    model.close();
    assertThat(model.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(SimProblem.Kind.LIVELOCK);
      assertThat(p.message()).contains("1000").contains("spinner");
    });
  }

  @Test
  void aTaskHoldingTheTurnWithoutCallingTheModelIsReportedAsAnEscape() {
    SimModel model = SimModel.open(closed(7).withStallTimeout(Duration.ofMillis(100)));
    assertThatThrownBy(() -> model.run(ctx -> {
      Thread.sleep(Duration.ofSeconds(30)); // a real sleep: the simulation cannot see it
      return null;
    })).as("interrupted by the watchdog").isInstanceOf(InterruptedException.class);
    model.close();
    assertThat(model.problems()).first().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(SimProblem.Kind.ESCAPE);
      assertThat(p.message()).contains("'main' held the turn").contains("Thread.sleep");
    });
  }

  @Test
  void aBlockingCallTouchingTheSimulationIsReportedAsAnEscape() throws Exception {
    try (SimModel model = SimModel.open(closed(8))) {
      model.run(ctx -> {
        Channel<Integer> never = ctx.channel(0);
        Task<Integer> waiter = ctx.spawn("waiter", c -> never.receive());
        ctx.sleep(Duration.ofMillis(1)); // the waiter waits by now: every other task did
        ctx.blocking(() -> waiter.cancel());
        try {
          ctx.await(waiter);
        } catch (CancellationException expected) {
          // The cancel went through; what matters is that it was seen coming from outside.
        }
        return null;
      });
      assertThat(model.problems()).singleElement().satisfies(p -> {
        assertThat(p.kind()).isEqualTo(SimProblem.Kind.ESCAPE);
        assertThat(p.message()).contains("outside the simulation woke").contains("'waiter'");
      });
    }
  }

  @Test
  void everyProfileIsAvailableByNameWithItsTraits() {
    assertThat(ExecutionModels.available())
        .contains("sim", "sim:csp", "sim:gil-threads", "sim:eventloop", "sim:asyncio");
    try (ExecutionModel loop = ExecutionModels.open("sim:eventloop");
        ExecutionModel gil = ExecutionModels.open("sim:gil-threads")) {
      assertThat(loop.name()).isEqualTo("sim:eventloop");
      assertThat(loop.traits().preemption()).isEqualTo(Traits.Preemption.NONE);
      assertThat(gil.traits().preemption()).isEqualTo(Traits.Preemption.CHECKPOINTS);
      assertThat(loop.traits().parallelism()).isEqualTo(1);
    }
  }

  @Test
  void aBadOptionFailsNamingIt() {
    assertThatThrownBy(() -> ExecutionModels.open(
        Config.defaults().withModel("sim").withOption("sim.schedule", "fastest")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sim.schedule")
        .hasMessageContaining("fastest");
    assertThatThrownBy(() -> ExecutionModels.open(
        Config.defaults().withModel("sim").withOption("sim.seed", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sim.seed");
    assertThatThrownBy(() -> Schedule.pct(1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
  }

  @Test
  void aFailureInsideTheSimulationReachesTheRunAsIs() {
    SimModel model = SimModel.open(closed(9));
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> model.run(ctx -> ctx.await(ctx.spawn(c -> {
      throw boom;
    })))).isInstanceOf(CompletionException.class).cause().isSameAs(boom);
    model.close();
  }
}
