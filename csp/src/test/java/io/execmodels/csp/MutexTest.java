package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.DeadlockException;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.UnhandledFailureException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's {@code sync.Mutex} on csp: not reentrant, fatal on a bad unlock, seen by the deadlock report. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MutexTest {
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
  void itKeepsAHundredGoroutinesOutOfEachOthersWay() throws Exception {
    int total = model.run(ctx -> {
      Mutex mu = new Mutex("mu");
      int[] counter = {0};
      List<Task<Void>> tasks = IntStream.range(0, 100).mapToObj(i -> ctx.<Void>spawn(c -> {
        for (int n = 0; n < 100; n++) {
          mu.lock(c);
          int read = counter[0];
          c.checkpoint();
          counter[0] = read + 1;
          mu.unlock();
        }
        return null;
      })).toList();
      ctx.awaitAll(tasks);
      return counter[0];
    });
    assertThat(total).isEqualTo(10_000);
  }

  @Test
  void theHolderCannotLockItAgainAndAnyGoroutineMayUnlockIt() throws Exception {
    String seen = model.run(ctx -> {
      Mutex mu = new Mutex();
      mu.lock(ctx);
      boolean again = mu.tryLock(ctx);
      ctx.await(ctx.spawn(c -> {
        mu.unlock();
        return null;
      }));
      return again + " " + mu.tryLock(ctx);
    });
    assertThat(seen).isEqualTo("false true");
  }

  @Test
  void unlockingAnUnlockedMutexIsFatalEvenUnderRecover() {
    assertThatThrownBy(() -> model.run(ctx -> {
      Mutex mu = new Mutex("mu");
      Recover.go(ctx, c -> mu.unlock(), (c, panic) -> { });
      ctx.sleep(java.time.Duration.ofSeconds(30));
      return null;
    })).isInstanceOf(UnhandledFailureException.class)
        .cause().isInstanceOf(FatalError.class)
        .hasMessage("fatal error: sync: unlock of unlocked mutex");
  }

  @Test
  void aLockOrderDeadlockIsReportedNamingBothGoroutinesAndBothMutexes() {
    assertThatThrownBy(() -> model.run(ctx -> {
      Mutex accounts = new Mutex("accounts");
      Mutex ledger = new Mutex("ledger");
      WaitGroup bothHoldOne = new WaitGroup(); // neither asks for its second lock before that
      bothHoldOne.add(2);
      Task<Void> a = ctx.spawn("transfer", c -> {
        accounts.lock(c);
        bothHoldOne.done();
        bothHoldOne.await(c);
        ledger.lock(c);
        return null;
      });
      Task<Void> b = ctx.spawn("audit", c -> {
        ledger.lock(c);
        bothHoldOne.done();
        bothHoldOne.await(c);
        accounts.lock(c);
        return null;
      });
      return ctx.awaitAll(List.of(a, b));
    })).isInstanceOfSatisfying(DeadlockException.class, e -> assertThat(e.waits())
        .anySatisfy(w -> assertThat(w).contains("task 'transfer'").contains("'ledger'"))
        .anySatisfy(w -> assertThat(w).contains("task 'audit'").contains("'accounts'")))
        .hasMessageContaining("all tasks of the run are asleep - deadlock!");
  }

  @Test
  void aWaitForTheLockObservesCancellation() throws Exception {
    String seen = model.run(ctx -> {
      Mutex mu = new Mutex();
      mu.lock(ctx);
      Task<Void> waiter = ctx.spawn(c -> {
        mu.lock(c);
        return null;
      });
      waiter.cancel();
      try {
        ctx.await(waiter);
        return "not cancelled";
      } catch (CancellationException e) {
        return "cancelled";
      }
    });
    assertThat(seen).isEqualTo("cancelled");
  }
}
