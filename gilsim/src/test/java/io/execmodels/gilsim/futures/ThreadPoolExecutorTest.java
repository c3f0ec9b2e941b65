package io.execmodels.gilsim.futures;

import static io.execmodels.gilsim.futures.Py.line;
import static io.execmodels.gilsim.futures.Py.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.gilsim.Gil;
import io.execmodels.gilsim.GilStats;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers under the GIL, lazily started and reused, the initializer; beside {@code threadpool.py}. */
@Timeout(180) // a hang fails the test instead of the build
class ThreadPoolExecutorTest {

  static List<String> scenario() throws Exception {
    List<String> out = new ArrayList<>();
    Py.underGil(Gil.create(), () -> {
      try (ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(4)
          .threadNamePrefix("w").build()) {
        out.add(line("threads before submit", ex.workerCount()));
        TreeSet<String> names = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
          names.add(ex.submit(() -> Thread.currentThread().getName()).result());
        }
        out.add(line("threads after 5 sequential tasks", ex.workerCount(),
            new ArrayList<>(names)));
      }
      out.add(line("default max_workers", new ThreadPoolExecutor().maxWorkers()
          == Math.min(32, Runtime.getRuntime().availableProcessors() + 4)));

      ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(1).initializer(() -> {
        throw new IllegalArgumentException("init");
      }).build();
      Future<String> f = ex.submit(() -> "never");
      Throwable err = f.exception();
      out.add(line("initializer", name(err), err.getMessage()));
      try {
        ex.submit(() -> "never");
      } catch (BrokenThreadPool e) {
        out.add(line("submit", name(e), e.getMessage()));
      }
      ex.shutdown(true, false);

      for (int bad : new int[] {0, -1}) {
        try {
          new ThreadPoolExecutor(bad);
        } catch (IllegalArgumentException e) {
          out.add(line("max_workers", bad, name(e), e.getMessage()));
        }
      }
    });
    return out;
  }

  @Test
  void sameEventsAsCpython() throws Exception {
    assertThat(scenario()).containsExactlyElementsOf(Py.run("threadpool.py"));
  }

  @Test
  void workersUseTheCreatorsGilElseTheGivenOneElseAFreshOne() throws Exception {
    Gil outer = Gil.create();
    Gil given = Gil.create();
    Py.underGil(outer, () -> {
      try (ThreadPoolExecutor ex = ThreadPoolExecutor.builder().gil(given).build()) {
        assertThat(ex.gil()).isSameAs(outer);
        assertThat(ex.submit(Gil::current).result()).isSameAs(outer);
        assertThat(ex.submit(() -> outer.isHeldByCurrentThread()).result()).isTrue();
      }
    });
    try (ThreadPoolExecutor ex = ThreadPoolExecutor.builder().gil(given).build()) {
      assertThat(ex.submit(Gil::current).result()).isSameAs(given);
    }
    try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
      Gil fresh = ex.submit(Gil::current).result();
      assertThat(fresh).isNotNull().isNotSameAs(given).isNotSameAs(outer);
    }
  }

  @Test
  void cpuBoundTasksTakeTurnsUnderTheGil() throws Exception {
    Gil gil = Gil.create();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicLong[] progress = {new AtomicLong(), new AtomicLong()};
    try (ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(2).gil(gil).build()) {
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        int me = i;
        fs.add(ex.submit(() -> {
          // Each loops until both have made progress, which only GIL switches allow.
          while (progress[me].get() < 1000 || progress[1 - me].get() < 1000) {
            int now = inside.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            progress[me].incrementAndGet();
            inside.decrementAndGet();
            Gil.current().checkpoint();
          }
          return progress[me].get();
        }));
      }
      for (Future<Long> f : fs) {
        assertThat(f.result()).isGreaterThanOrEqualTo(1);
      }
    }
    assertThat(most.get()).as("tasks inside their loop body at once").isEqualTo(1);
    GilStats stats = gil.stats();
    assertThat(stats.dropRequests()).isPositive();
  }

  @Test
  void tasksThatBlockWithTheGilReleasedOverlap() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        fs.add(ex.submit(() -> Gil.blockOn(() -> {
          both.countDown();
          both.await(); // only returns if the other task runs meanwhile
          return true;
        })));
      }
      for (Future<Boolean> f : fs) {
        assertThat(f.result()).isTrue();
      }
    }
  }

  @Test
  void aFailingInitializerFailsEveryQueuedFuture() throws Exception {
    CountDownLatch initStarted = new CountDownLatch(1);
    CountDownLatch letItFail = new CountDownLatch(1);
    ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(1).initializer(() -> {
      initStarted.countDown();
      letItFail.await();
      throw new IllegalStateException("no database");
    }).build();
    List<Future<Integer>> fs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fs.add(ex.submit(() -> 1));
    }
    initStarted.await();
    letItFail.countDown();
    for (Future<Integer> f : fs) {
      assertThatThrownBy(f::result).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(BrokenThreadPool.class)
          .hasMessage("A thread initializer failed, the thread pool is not usable anymore")
          .cause().hasMessage("no database");
    }
    assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(BrokenThreadPool.class);
    ex.close();
    assertThat(ex.workerCount()).isZero();
  }

  @Test
  void neverMoreWorkersThanMax() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        fs.add(ex.submit(() -> {
          Gil.blockOn(() -> {
            go.await();
            return null;
          });
          return Thread.currentThread().getName();
        }));
      }
      assertThat(ex.workerCount()).isEqualTo(2);
      go.countDown();
      TreeSet<String> names = new TreeSet<>();
      for (Future<String> f : fs) {
        names.add(f.result());
      }
      assertThat(names).hasSizeLessThanOrEqualTo(2);
    }
  }
}
