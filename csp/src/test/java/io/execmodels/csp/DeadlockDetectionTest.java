package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.DeadlockException;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's "all goroutines are asleep - deadlock!", on csp. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeadlockDetectionTest {

  private ExecutionModel model;

  @BeforeEach
  void open() {
    model = ExecutionModels.open("csp");
  }

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void aRunWaitingOnAChannelNobodyCanSendOnFailsNamingTheWait() {
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> nobodySends = ctx.channel(0);
      return nobodySends.receive();
    })).isInstanceOfSatisfying(DeadlockException.class, e -> assertThat(e.waits())
        .singleElement().asString().contains("task 'main'").contains("receive on Channel#"))
        .hasMessageContaining("all tasks of the run are asleep - deadlock!");
    assertThat(model.stats().running()).isZero();
  }

  @Test
  void twoTasksWaitingForEachOtherAreReportedWithEveryTaskAndItsWait() {
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> a = ctx.channel(0);
      Channel<Integer> b = ctx.channel(0);
      Task<Void> left = ctx.spawn("left", c -> {
        a.receive();
        b.send(1);
        return null;
      });
      Task<Void> right = ctx.spawn("right", c -> {
        b.receive();
        a.send(1);
        return null;
      });
      ctx.awaitAll(List.of(left, right));
      return null;
    })).isInstanceOfSatisfying(DeadlockException.class, e -> assertThat(e.waits()).satisfiesExactly(
        w -> assertThat(w).startsWith("task 'left': receive on Channel#"),
        w -> assertThat(w).startsWith("task 'main': await ['left', 'right']"),
        w -> assertThat(w).startsWith("task 'right': receive on Channel#")));
  }

  @Test
  void aSelectWithoutTimeoutOnDeadChannelsIsADeadlock() {
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> a = ctx.channel(0);
      Channel<Integer> b = ctx.channel(1);
      return ctx.<Integer>select().onReceive(a, v -> v).onReceive(b, v -> v).run();
    })).isInstanceOfSatisfying(DeadlockException.class, e -> assertThat(e.waits())
        .singleElement().asString().contains("select over [receive on Channel#"));
  }

  @Test
  void tasksStillWaitingAfterTheRunsBodyReturnedAreNotADeadlock() throws Exception {
    for (int i = 0; i < 200; i++) {
      int result = model.run(ctx -> {
        Channel<Integer> never = ctx.channel(0);
        for (int t = 0; t < 3; t++) {
          ctx.spawn(c -> never.receive());
        }
        return 1;
      });
      assertThat(result).as("round %d", i).isEqualTo(1);
    }
  }

  @Test
  void aDeadlockCompletedByATaskEndingIsReported() {
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> nobodySends = ctx.channel(0);
      ctx.spawn("sleeper", c -> {
        // Ends only once main waits, so that its end, not main's wait, completes the deadlock.
        assertThat(Probes.awaitParked(model, c, 1)).as("main waiting").isTrue();
        return null;
      });
      return nobodySends.receive();
    })).isInstanceOfSatisfying(DeadlockException.class, e -> assertThat(e.waits())
        .singleElement().asString().startsWith("task 'main': receive on"));
  }

  @Test
  void aCancelledTaskThatReachesItsWaitAfterTheCancelIsNotCountedAsBlocked() throws Exception {
    for (int round = 0; round < 500; round++) {
      long spin = round % 50 * 60L;
      int received = model.run(ctx -> {
        List<Channel<Integer>> ins = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
          ins.add(ctx.channel(0));
        }
        Channel<Integer> out = ctx.channel(0);
        Channel<Integer> started = ctx.channel(0);
        Task<Integer> worker = ctx.spawn(c -> {
          started.send(1);
          try {
            var select = c.<Integer>select();
            for (Channel<Integer> in : ins) {
              select.onReceive(in, v -> v);
            }
            return select.run();
          } finally {
            out.close();
          }
        });
        started.receive();
        long end = System.nanoTime() + spin;
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
        worker.cancel();
        int n = 0;
        for (Integer ignored : out) {
          n++;
        }
        return n;
      });
      assertThat(received).as("round %d", round).isZero();
    }
  }

  @Test
  void timersSleepersAndTimeoutsAreNotDeadlocks() throws Exception {
    int result = model.run(ctx -> {
      Channel<Integer> late = ctx.channel(0);
      ctx.spawn(c -> {
        // Sends only once main waits: main waited while this task slept (polled on the clock).
        assertThat(Probes.awaitParked(model, c, 1)).as("main waiting").isTrue();
        late.send(1);
        return null;
      });
      int got = late.receive();
      Channel<Integer> never = ctx.channel(0);
      String timedOut = ctx.<String>select()
          .onReceive(never, v -> "value")
          .onTimeout(Duration.ofMillis(10), () -> "timeout")
          .run();
      assertThat(timedOut).isEqualTo("timeout");
      try {
        ctx.withTimeout(Duration.ofMillis(10), c -> never.receive());
      } catch (io.execmodels.core.TimeoutCancellationException expected) {
        got++;
      }
      return got;
    });
    assertThat(result).isEqualTo(2);
  }

  @Test
  void busyTasksHandingOffThousandsOfValuesAreNeverMistakenForADeadlock() throws Exception {
    long sum = model.run(ctx -> {
      Channel<Integer> in = ctx.channel(0);
      Channel<Integer> out = ctx.channel(0);
      List<Task<Void>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        workers.add(ctx.spawn(c -> {
          for (int v : in) {
            out.send(v * 2);
          }
          return null;
        }));
      }
      ctx.spawn(c -> {
        for (int i = 0; i < 20_000; i++) {
          in.send(i);
        }
        in.close();
        c.awaitAll(workers);
        out.close();
        return null;
      });
      long total = 0;
      for (int v : out) {
        total += v;
      }
      return total;
    });
    assertThat(sum).isEqualTo(2L * 20_000 * 19_999 / 2);
  }
}
