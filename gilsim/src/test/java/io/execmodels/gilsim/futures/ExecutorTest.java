package io.execmodels.gilsim.futures;

import static io.execmodels.gilsim.futures.FutureTest.await;
import static io.execmodels.gilsim.futures.Py.line;
import static io.execmodels.gilsim.futures.Py.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.UncheckedTimeoutException;
import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Executor contract on a thread pool: map, shutdown, close; beside {@code executor.py}. */
@Timeout(180) // a hang fails the test instead of the build
class ExecutorTest {

  static List<String> scenario() throws Exception {
    List<String> out = new ArrayList<>();
    Py.underGil(Gil.create(), () -> {
      Semaphore ran = new Semaphore(0);
      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
        MapIterator<Integer> it = ex.map((Integer x) -> {
          ran.release();
          return x * 2;
        }, List.of(1, 2, 3));
        boolean all = Gil.blockOn(() -> ran.tryAcquire(3, 10, TimeUnit.SECONDS));
        out.add(line("all ran before iteration", all));
        out.add(line("map", ImmutableList.copyOf(it)));
      }

      List<CountDownLatch> ev = List.of(new CountDownLatch(1), new CountDownLatch(1),
          new CountDownLatch(1));
      List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(3)) {
        MapIterator<Integer> it = ex.map((Integer x) -> {
          if (x < 2) {
            await(ev.get(x));
          }
          completed.add(x);
          if (x > 0) {
            ev.get(x - 1).countDown();
          }
          return x * 10;
        }, List.of(0, 1, 2));
        out.add(line("map order", ImmutableList.copyOf(it), "completed", completed));
      }

      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
        MapIterator<Integer> it = ex.map((Integer x) -> 10 / x, List.of(5, 0, 2));
        out.add(line("map item", it.next()));
        try {
          it.next();
        } catch (CompletionException e) {
          out.add(line("map raises", name(e.getCause())));
        }
      }

      CountDownLatch gate = new CountDownLatch(1);
      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
        MapIterator<Object> it = ex.map(x -> {
          await(gate);
          return true;
        }, List.of(1, 2), Duration.ofMillis(50), 1);
        try {
          it.next();
        } catch (UncheckedTimeoutException e) {
          out.add(line("map timeout", name(e)));
        }
        gate.countDown();
      }

      CountDownLatch gate2 = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      ThreadPoolExecutor ex = new ThreadPoolExecutor(1);
      io.execmodels.core.Job<String> blocked = () -> {
        started.countDown();
        await(gate2);
        return "ran";
      };
      Future<String> first = ex.submit(blocked);
      await(started);
      Future<String> queued = ex.submit(blocked);
      ex.shutdown(false, true);
      out.add(line("cancel_futures: queued cancelled", queued.cancelled(), "first running",
          first.running()));
      try {
        ex.submit(blocked);
      } catch (RejectedExecutionException e) {
        out.add(line("submit after shutdown", name(e), e.getMessage()));
      }
      gate2.countDown();
      out.add(line("first", first.result()));
      ex.shutdown(true, false);

      CountDownLatch gate3 = new CountDownLatch(1);
      Future<String> a;
      Future<String> b;
      try (ThreadPoolExecutor ex2 = new ThreadPoolExecutor(1)) {
        a = ex2.submit(() -> {
          await(gate3);
          return "a";
        });
        b = ex2.submit(() -> "b");
        gate3.countDown();
      }
      out.add(line("with waits", a.done(), b.done(), a.result(), b.result()));
    });
    return out;
  }

  @Test
  void sameEventsAsCpython() throws Exception {
    assertThat(scenario()).containsExactlyElementsOf(Py.run("executor.py"));
  }

  @Test
  void mapCancelsWhatIsLeftAfterATimeoutOrOnClose() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Integer> ranItems = Collections.synchronizedList(new ArrayList<>());
    try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
      MapIterator<Integer> it = ex.map((Integer x) -> {
        ranItems.add(x);
        await(gate);
        return x;
      }, List.of(1, 2, 3), Duration.ofMillis(20), 1);
      assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class);
      assertThat(it.hasNext()).isFalse();
      gate.countDown();
    }
    // Item 1 was running when the timeout came; 2 and 3 were cancelled before they ran.
    assertThat(ranItems).containsExactly(1);

    CountDownLatch gate2 = new CountDownLatch(1);
    ranItems.clear();
    try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
      MapIterator<Integer> it = ex.map((Integer x) -> {
        ranItems.add(x);
        await(gate2);
        return x;
      }, List.of(1, 2, 3));
      it.close();
      gate2.countDown();
    }
    assertThat(ranItems).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void mapTimeoutCountsFromTheCall() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
      MapIterator<Integer> it = ex.map((Integer x) -> {
        if (x == 2) {
          await(gate);
        }
        return x;
      }, List.of(1, 2), Duration.ofSeconds(1), 1);
      Thread.sleep(1100); // the deadline passes before iteration starts
      assertThat(it.next()).isEqualTo(1); // done already: no wait, no timeout
      long t0 = System.nanoTime();
      assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class);
      // It did not wait a fresh second for item 2 (a wide margin for a loaded machine).
      assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.MILLISECONDS.toNanos(800));
      gate.countDown();
    }
  }

  @Test
  void closeIsShutdownWaitAndLeavesNoThread() throws Exception {
    ThreadPoolExecutor ex = new ThreadPoolExecutor(3);
    List<Thread> workers = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(3);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 3; i++) {
      ex.submit(() -> {
        workers.add(Thread.currentThread());
        all.countDown();
        await(go); // with the GIL released, or the others could not start
        return null;
      });
    }
    all.await();
    go.countDown();
    ex.close();
    assertThat(workers).hasSize(3).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    assertThat(ex.workerCount()).isZero();
    ex.shutdown(true, true); // idempotent
    assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class)
        .hasMessage("cannot schedule new futures after shutdown");
  }
}
