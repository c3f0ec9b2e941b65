package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.UnhandledFailureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's {@code sync.RWMutex} and {@code sync.Cond} on csp. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RWMutexTest {
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
  void readersShareItAndAWaitingWriterKeepsNewReadersOut() throws Exception {
    String seen = model.run(ctx -> {
      RWMutex rw = new RWMutex("rw");
      rw.rlock(ctx);
      boolean secondReader = rw.tryRLock(ctx);
      boolean writerWhileRead = rw.tryLock(ctx);
      Task<Void> writer = ctx.spawn("writer", c -> {
        rw.lock(c);
        rw.unlock(c);
        return null;
      });
      // Once the writer waits, a new reader is kept out, as Go's writer preference does.
      while (rw.tryRLock(ctx)) {
        rw.runlock(ctx);
        ctx.sleep(Duration.ofMillis(1));
      }
      rw.runlock(ctx);
      rw.runlock(ctx);
      ctx.await(writer);
      boolean freeAgain = rw.tryLock(ctx);
      rw.unlock(ctx);
      return secondReader + " " + writerWhileRead + " " + freeAgain;
    });
    assertThat(seen).isEqualTo("true false true");
  }

  @Test
  void writersExcludeEveryoneAndNoUpdateIsLost() throws Exception {
    int total = model.run(ctx -> {
      RWMutex rw = new RWMutex();
      int[] value = {0};
      List<Integer> readsSeen = Collections.synchronizedList(new ArrayList<>());
      List<Task<Void>> tasks = new ArrayList<>();
      IntStream.range(0, 8).forEach(i -> tasks.add(ctx.spawn(c -> {
        for (int n = 0; n < 200; n++) {
          if (i % 2 == 0) {
            rw.lock(c);
            int read = value[0];
            c.checkpoint();
            value[0] = read + 1;
            rw.unlock(c);
          } else {
            rw.rlock(c);
            readsSeen.add(value[0]);
            rw.runlock(c);
          }
        }
        return null;
      })));
      ctx.awaitAll(tasks);
      return value[0];
    });
    assertThat(total).isEqualTo(800);
  }

  @Test
  void unlockingWhatIsNotHeldIsFatal() {
    assertThatThrownBy(() -> model.run(ctx -> {
      RWMutex rw = new RWMutex();
      ctx.go(c -> {
        rw.runlock(c);
        return null;
      });
      ctx.sleep(Duration.ofSeconds(30));
      return null;
    })).isInstanceOf(UnhandledFailureException.class).cause()
        .isInstanceOf(FatalError.class).hasMessage("fatal error: sync: RUnlock of unlocked RWMutex");
  }

  @Test
  void aCancelledWaitingWriterLetsTheReadersItKeptOutIn() throws Exception {
    String seen = model.run(ctx -> {
      RWMutex rw = new RWMutex();
      rw.rlock(ctx);
      Task<Void> writer = ctx.spawn(c -> {
        rw.lock(c);
        return null;
      });
      while (rw.tryRLock(ctx)) { // until the writer waits
        rw.runlock(ctx);
        ctx.sleep(Duration.ofMillis(1));
      }
      writer.cancel();
      String outcome;
      try {
        ctx.await(writer);
        outcome = "writer got it";
      } catch (CancellationException e) {
        outcome = "writer cancelled";
      }
      rw.rlock(ctx); // would wait for good if the writer still counted as waiting
      rw.runlock(ctx);
      rw.runlock(ctx);
      return outcome + ", reader in";
    });
    assertThat(seen).isEqualTo("writer cancelled, reader in");
  }

  @Test
  void aCondWakesItsWaitersInOrderAndBroadcastWakesThemAll() throws Exception {
    List<Integer> order = model.run(ctx -> {
      Mutex mu = new Mutex("mu");
      Cond cond = new Cond(mu, "ready");
      List<Integer> woken = Collections.synchronizedList(new ArrayList<>());
      int[] waiting = {0};
      List<Task<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int id = i;
        tasks.add(ctx.spawn(c -> {
          mu.lock(c);
          waiting[0]++;
          cond.await(c);
          woken.add(id);
          mu.unlock();
          return null;
        }));
        while (true) { // the next waiter starts only once this one waits
          mu.lock(ctx);
          boolean in = waiting[0] == id + 1;
          mu.unlock();
          if (in) {
            break;
          }
          ctx.sleep(Duration.ofMillis(1));
        }
      }
      mu.lock(ctx);
      cond.signal();
      mu.unlock();
      while (woken.isEmpty()) {
        ctx.sleep(Duration.ofMillis(1));
      }
      mu.lock(ctx);
      cond.broadcast();
      mu.unlock();
      ctx.awaitAll(tasks);
      return woken;
    });
    assertThat(order).startsWith(0).containsExactlyInAnyOrder(0, 1, 2);
  }
}
