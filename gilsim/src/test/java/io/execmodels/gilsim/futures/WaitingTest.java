package io.execmodels.gilsim.futures;

import static io.execmodels.gilsim.futures.FutureTest.await;
import static io.execmodels.gilsim.futures.Py.line;
import static io.execmodels.gilsim.futures.Py.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asCompleted and wait, beside {@code waiting.py}. */
@Timeout(180) // a hang fails the test instead of the build
class WaitingTest {

  static List<String> scenario() throws Exception {
    List<String> out = new ArrayList<>();
    Py.underGil(Gil.create(), () -> {
      List<CountDownLatch> gates = List.of(new CountDownLatch(1), new CountDownLatch(1),
          new CountDownLatch(1));
      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(3)) {
        List<Future<String>> fs = List.of(gated(ex, "a", gates.get(1)),
            gated(ex, "b", gates.get(2)), gated(ex, "c", gates.get(0)));
        gates.get(0).countDown();
        List<String> order = new ArrayList<>();
        int i = 0;
        for (Iterator<Future<String>> it = Futures.asCompleted(fs); it.hasNext(); i++) {
          order.add(it.next().result());
          if (i + 1 < gates.size()) {
            gates.get(i + 1).countDown();
          }
        }
        out.add(line("as_completed", order));
      }

      CountDownLatch gate = new CountDownLatch(1);
      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
        Future<Object> done = ex.submit(() -> "done");
        done.result();
        Future<Object> blocked = ex.submit(() -> {
          await(gate);
          return true;
        });
        List<Object> seen = new ArrayList<>();
        try {
          Iterator<Future<Object>> it =
              Futures.asCompleted(List.of(done, blocked, done), Duration.ofMillis(50));
          while (it.hasNext()) {
            seen.add(it.next().result());
          }
        } catch (UncheckedTimeoutException e) {
          out.add(line("as_completed timeout", seen, name(e), e.getMessage()));
        }
        DoneAndNotDone<Object> r =
            Futures.wait(List.of(done, blocked), null, ReturnWhen.FIRST_COMPLETED);
        out.add(line("FIRST_COMPLETED", r.done().size(), r.notDone().size(),
            r.done().contains(done)));
        r = Futures.wait(List.of(done, blocked), Duration.ofMillis(50),
            ReturnWhen.FIRST_EXCEPTION);
        out.add(line("FIRST_EXCEPTION, none failed", r.done().size(), r.notDone().size()));
        Future<Object> failed = ex.submit(() -> {
          throw new ArithmeticException("/ by zero"); // Python's 1 / 0
        });
        r = Futures.wait(List.of(blocked, failed), null, ReturnWhen.FIRST_EXCEPTION);
        out.add(line("FIRST_EXCEPTION", r.done().size(), r.notDone().size(),
            r.done().contains(failed)));
        r = Futures.wait(List.of(done, blocked), Duration.ofMillis(50),
            ReturnWhen.ALL_COMPLETED);
        out.add(line("ALL_COMPLETED timeout", r.done().size(), r.notDone().size()));
        r = Futures.wait(List.of(done, blocked), Duration.ofSeconds(-1),
            ReturnWhen.ALL_COMPLETED);
        out.add(line("negative timeout", r.done().size(), r.notDone().size()));
        gate.countDown();
        r = Futures.wait(List.of(done, blocked, failed));
        out.add(line("ALL_COMPLETED", r.done().size(), r.notDone().size()));
        try {
          Futures.asCompleted(List.of(new Future<Object>()), Duration.ofSeconds(-1)).next();
        } catch (UncheckedTimeoutException e) {
          out.add(line("as_completed negative timeout", name(e), e.getMessage()));
        }
      }
    });
    return out;
  }

  private static Future<String> gated(ThreadPoolExecutor ex, String name, CountDownLatch gate) {
    return ex.submit(() -> {
      await(gate);
      return name;
    });
  }

  @Test
  void sameEventsAsCpython() throws Exception {
    assertThat(scenario()).containsExactlyElementsOf(Py.run("waiting.py"));
  }

  @Test
  void waitersAreRemovedAndPlainFuturesWork() throws Exception {
    Future<Integer> a = new Future<>();
    Future<Integer> b = new Future<>();
    Thread t = new Thread(() -> b.setResult(2));
    t.start();
    DoneAndNotDone<Integer> r = Futures.wait(List.of(a, b), null, ReturnWhen.FIRST_COMPLETED);
    t.join();
    assertThat(r.done()).containsExactly(b);
    assertThat(r.notDone()).containsExactly(a);
    Iterator<Future<Integer>> it = Futures.asCompleted(List.of(a, b), Duration.ZERO);
    assertThat(it.next()).isSameAs(b);
    assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class)
        .hasMessage("1 (of 2) futures unfinished");
    a.cancel();
    // A cancelled future counts as done for both.
    assertThat(Futures.wait(List.of(a, b)).done()).containsExactly(a, b);
    assertThat(Futures.asCompleted(List.of(a, b))).toIterable().containsExactlyInAnyOrder(a, b);
  }
}
