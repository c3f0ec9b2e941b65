package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.DeadlockException;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.UnhandledFailureException;
import io.execmodels.csp.Probes.Boom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitGroupTest {

  @Test
  void awaitReturnsOnlyOnceEveryTaskIsDoneAndTheGroupIsReusable() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        WaitGroup wg = new WaitGroup();
        for (int round = 1; round <= 3; round++) {
          int n = 4 * round;
          AtomicInteger finished = new AtomicInteger();
          Channel<Boolean> gate = ctx.channel(0);
          Channel<Boolean> entered = ctx.channel(0);
          wg.add(n);
          for (int i = 0; i < n; i++) {
            ctx.go(c -> {
              gate.receive(); // held until the waiter is waiting
              finished.incrementAndGet();
              wg.done();
              return null;
            });
          }
          Task<Integer> waiter = ctx.spawn(c -> {
            entered.send(true);
            wg.await(c);
            return finished.get();
          });
          entered.receive();
          for (int i = 0; i < n; i++) {
            gate.send(true);
          }
          assertThat(ctx.await(waiter)).as("tasks finished when await returned, round %d", round)
              .isEqualTo(n);
          wg.await(ctx); // at zero: returns at once
        }
        return null;
      });
    }
  }

  @Test
  void goCountsTheTaskAndMarksItDoneWhenItEnds() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      int finished = model.run(ctx -> {
        WaitGroup wg = new WaitGroup();
        AtomicInteger count = new AtomicInteger();
        Channel<Boolean> gate = ctx.channel(0);
        for (int i = 0; i < 10; i++) {
          wg.go(ctx, c -> {
            for (Boolean ignored : gate) {
              // held until the gate closes
            }
            count.incrementAndGet();
          });
        }
        gate.close();
        wg.await(ctx);
        return count.get();
      });
      assertThat(finished).isEqualTo(10);
    }
  }

  @Test
  void aBodyStartedByGoThatFailsEndsTheRunLikeAPanic() {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      assertThatThrownBy(() -> model.run(ctx -> {
        WaitGroup wg = new WaitGroup();
        wg.go(ctx, c -> {
          throw new Boom("panic");
        });
        wg.await(ctx); // done is called even though the body failed
        return null;
      })).isInstanceOf(UnhandledFailureException.class).hasRootCauseInstanceOf(Boom.class);
    }
  }

  @Test
  void aWaitThatNoTaskOfTheRunCanEndIsReportedAsADeadlock() {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      assertThatThrownBy(() -> model.run(ctx -> {
        WaitGroup wg = new WaitGroup();
        wg.add(1); // and nobody calls done
        wg.await(ctx);
        return null;
      })).isInstanceOf(DeadlockException.class).hasMessageContaining("receive on");
    }
  }

  @Test
  void aCounterBelowZeroIsRejectedAndLeftUnchanged() {
    WaitGroup wg = new WaitGroup();
    assertThatThrownBy(wg::done).isInstanceOf(IllegalStateException.class)
        .hasMessage("negative WaitGroup counter");
    wg.add(2);
    assertThatThrownBy(() -> wg.add(-3)).isInstanceOf(IllegalStateException.class)
        .hasMessage("negative WaitGroup counter");
    wg.done();
    wg.done();
    assertThatThrownBy(wg::done).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void doneFromAThreadOutsideTheModelReleasesTheWaiter() throws Exception {
    WaitGroup wg = new WaitGroup();
    wg.add(1);
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      Task<String> waiter = model.spawn(ctx -> {
        wg.await(ctx);
        return "released";
      });
      Thread platform = Thread.ofPlatform().start(wg::done);
      platform.join();
      assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo("released");
    }
  }
}
