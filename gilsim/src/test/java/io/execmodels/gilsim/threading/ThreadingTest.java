package io.execmodels.gilsim.threading;

import static io.execmodels.gilsim.threading.PyLines.attempt;
import static io.execmodels.gilsim.threading.PyLines.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.gilsim.Gil;
import io.execmodels.gilsim.GilThreadsModelProvider;
import io.execmodels.gilsim.PythonScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The {@code threading} primitives, each scenario run on the {@code gil-threads} model and
 * compared line by line with what its Python twin (a {@code .py} beside this class) prints under
 * CPython.
 */
class ThreadingTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Duration TEN_MS = Duration.ofMillis(10);

  /** Runs {@code scenario} as the main task of a {@code gil-threads} model, under its GIL. */
  private static List<String> onGilThreads(Callable<List<String>> scenario) {
    return assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = ExecutionModels.open(GilThreadsModelProvider.NAME)) {
        return model.run(ctx -> scenario.call());
      }
    });
  }

  private static List<String> python(String script) throws Exception {
    return PythonScript.run(ThreadingTest.class, script).stream()
        .map(String::stripTrailing).toList();
  }

  private static Void run(ThrowingRunnable r) throws Exception {
    r.run();
    return null;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void locksSemaphoresAndEventsBehaveAsCPythons() throws Exception {
    List<String> ours = onGilThreads(() -> {
      List<String> out = new ArrayList<>();
      Lock lock = new Lock();
      out.add(attempt("lock acquire", () -> run(lock::acquire) == null));
      out.add(attempt("lock acquire again without blocking", lock::tryAcquire));
      PyThread t = new PyThread(lock::release);
      t.start();
      t.join();
      out.add(attempt("released by another thread, locked", lock::locked));
      out.add(attempt("lock release unlocked", () -> run(lock::release)));
      out.add(attempt("lock negative timeout", () -> lock.acquire(Duration.ofSeconds(-2))));

      RLock rlock = new RLock();
      out.add(attempt("rlock acquire", () -> run(rlock::acquire) == null));
      out.add(attempt("rlock acquire again", () -> run(rlock::acquire) == null));
      List<String> failed = new ArrayList<>();
      PyThread other = new PyThread(() -> {
        try {
          rlock.release();
        } catch (RuntimeException e) {
          failed.add(error(e));
        }
      });
      other.start();
      other.join();
      out.add("rlock release by another thread -> " + failed.get(0));
      out.add(attempt("rlock release", () -> run(rlock::release)));
      out.add(attempt("rlock release", () -> run(rlock::release)));
      out.add(attempt("rlock release once too often", () -> run(rlock::release)));

      Semaphore sem = new Semaphore(1);
      out.add(attempt("semaphore acquire", () -> run(sem::acquire) == null));
      out.add(attempt("semaphore acquire without blocking", sem::tryAcquire));
      out.add(attempt("semaphore release 2", () -> run(() -> sem.release(2))));
      out.add(attempt("semaphore acquire without blocking", sem::tryAcquire));
      out.add(attempt("semaphore release 0", () -> run(() -> sem.release(0))));
      out.add(attempt("semaphore negative", () -> new Semaphore(-1)));
      BoundedSemaphore bounded = new BoundedSemaphore(1);
      out.add(attempt("bounded release over the start", () -> run(bounded::release)));

      Event event = new Event();
      out.add(attempt("event wait 10 ms", () -> event.await(TEN_MS)));
      event.set();
      out.add(attempt("event wait after set", () -> event.await(TEN_MS)));
      event.clear();
      out.add(attempt("event is set after clear", event::isSet));
      return out;
    });
    assertThat(ours).isEqualTo(python("locks.py"));
  }

  @Test
  void aConditionWakesItsWaitersInTheOrderTheyBeganToWait() throws Exception {
    List<String> ours = onGilThreads(() -> {
      List<String> out = new ArrayList<>();
      Condition cond = new Condition();
      List<Integer> woken = Collections.synchronizedList(new ArrayList<>());
      List<PyThread> threads = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int id = i;
        Event started = new Event();
        PyThread t = new PyThread(() -> {
          try {
            cond.acquire();
            try {
              started.set();
              cond.await();
              woken.add(id);
            } finally {
              cond.release();
            }
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
        t.start();
        started.await();
        cond.acquire(); // the waiter released the lock only in await(): it is waiting now
        cond.release();
        threads.add(t);
      }
      for (int n = 0; n < 3; n++) {
        cond.acquire();
        cond.notifyOne();
        cond.release();
        threads.get(n).join();
        out.add("woken " + woken);
      }
      out.add(attempt("wait without the lock", () -> run(cond::await)));
      out.add(attempt("notify without the lock", () -> run(cond::notifyOne)));
      cond.acquire();
      out.add(attempt("wait 10 ms", () -> cond.await(TEN_MS)));
      out.add(attempt("wait_for true", () -> cond.waitFor(() -> true, TEN_MS)));
      cond.release();
      return out;
    });
    assertThat(ours).isEqualTo(python("condition.py"));
  }

  @Test
  void threadsStartOnceJoinQuietlyAndReportWhatEscapes() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    PyThread.setExceptHook((thread, e) -> seen.add(
        "excepthook: " + thread.name() + " " + error(e)));
    try {
      List<String> ours = onGilThreads(() -> {
        List<String> out = new ArrayList<>();
        PyThread t = new PyThread("worker", () -> {
          throw new IllegalArgumentException("boom");
        });
        out.add(attempt("join before start", () -> run(t::join)));
        t.start();
        out.add(attempt("join", () -> run(t::join)));
        out.add(seen.get(0));
        out.add(attempt("start again", () -> run(t::start)));
        out.add(attempt("alive after join", t::isAlive));

        Event gate = new Event();
        PyThread slow = new PyThread("slow", () -> {
          try {
            gate.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
        slow.start();
        out.add(attempt("join 10 ms", () -> run(() -> slow.join(TEN_MS))));
        out.add(attempt("alive after a join that timed out", slow::isAlive));
        gate.set();
        slow.join();
        out.add(attempt("daemon of a thread made by the main thread", slow::isDaemon));

        List<Boolean> inner = new ArrayList<>();
        PyThread d = new PyThread(() -> {
          inner.add(new PyThread(() -> { }).isDaemon());
          out.add(attempt("join current", () -> run(() -> PyThread.current().join())));
        }).daemon(true);
        d.start();
        d.join();
        out.add("daemon inherited -> " + PyLines.value(inner.get(0)));
        return out;
      });
      assertThat(ours).isEqualTo(python("thread.py"));
    } finally {
      PyThread.setExceptHook(null);
    }
  }

  @Test
  void aBarrierNumbersArrivalsRunsItsActionOnceAndBreaksForEveryWaiter() throws Exception {
    List<String> ours = onGilThreads(() -> {
      List<String> out = new ArrayList<>();
      List<String> actions = Collections.synchronizedList(new ArrayList<>());
      Barrier barrier = new Barrier(3, () -> actions.add("action"), null);
      List<Integer> indices = Collections.synchronizedList(new ArrayList<>());
      List<PyThread> threads = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        threads.add(new PyThread(() -> {
          try {
            indices.add(barrier.await());
          } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      for (PyThread t : threads) {
        t.start();
      }
      for (PyThread t : threads) {
        t.join();
      }
      out.add("indices " + indices.stream().sorted().toList() + " actions "
          + PyLines.value(actions));

      List<String> broken = Collections.synchronizedList(new ArrayList<>());
      Event started = new Event();
      PyThread waiter = new PyThread(() -> {
        started.set();
        try {
          barrier.await();
        } catch (BrokenBarrierException e) {
          broken.add("BrokenBarrierError");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      waiter.start();
      started.await();
      while (barrier.waiting() < 1) {
        Gil.current().checkpoint(); // as CPython's eval loop does in `while ...: pass`
      }
      barrier.abort();
      waiter.join();
      out.add("waiter -> " + PyLines.value(broken));
      out.add(attempt("wait on a broken barrier", () -> barrier.await()).replace(":", ""));
      barrier.reset();
      out.add("broken after reset -> " + PyLines.value(barrier.broken()));
      out.add(attempt("timed out", () -> new Barrier(2).await(TEN_MS)).replace(":", ""));
      return out;
    });
    assertThat(ours).isEqualTo(python("barrier.py"));
  }
}
