package io.execmodels.gilsim.futures;

import static io.execmodels.gilsim.futures.Py.line;
import static io.execmodels.gilsim.futures.Py.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Future's states, waits and callbacks, beside {@code future_states.py}. */
@Timeout(180) // a hang fails the test instead of the build
class FutureTest {

  static void await(CountDownLatch latch) throws InterruptedException {
    Gil.blockOn(() -> {
      latch.await();
      return null;
    });
  }

  static String where() {
    return Thread.currentThread().getName().startsWith("ThreadPoolExecutor-") ? "worker" : "main";
  }

  /** The scenario of future_states.py; the lines it prints. */
  static List<String> scenario(List<String> logged) throws Exception {
    List<String> out = new ArrayList<>();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch callbacksDone = new CountDownLatch(1);
    Py.underGil(Gil.create(), () -> {
      try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
        Future<Integer> running = ex.submit(() -> {
          started.countDown();
          await(release);
          return 42;
        });
        await(started);
        Future<Integer> pending = ex.submit(() -> {
          await(release);
          return 42;
        });
        out.add(line("running", running.running(), pending.running()));
        out.add(line("cancel running", running.cancel()));
        out.add(line("cancel pending", pending.cancel()));
        out.add(line("cancel pending again", pending.cancel()));
        out.add(line("pending cancelled", pending.cancelled(), "done", pending.done()));
        try {
          running.result(Duration.ofMillis(10));
        } catch (TimeoutException e) {
          out.add(line("result timeout", name(e)));
        }
        try {
          running.exception(Duration.ZERO);
        } catch (TimeoutException e) {
          out.add(line("exception timeout", name(e)));
        }
        try {
          pending.result();
        } catch (CancelledError e) {
          out.add(line("cancelled result", name(e)));
        }
        try {
          pending.exception();
        } catch (CancelledError e) {
          out.add(line("cancelled exception", name(e)));
        }
        running.addDoneCallback(f -> {
          try {
            events.add("callback 1 in " + where() + " " + f.result());
          } catch (ExecutionException | InterruptedException e) {
            throw new AssertionError(e);
          }
        });
        running.addDoneCallback(f -> {
          throw new IllegalStateException("bad callback");
        });
        running.addDoneCallback(f -> {
          events.add("callback 3 in " + where());
          callbacksDone.countDown();
        });
        release.countDown();
        await(callbacksDone);
        out.addAll(events);
        out.add(line("result", running.result(), "running", running.running(), "done",
            running.done()));
        running.addDoneCallback(f -> out.add(line("late callback in", where())));
        Future<Object> failed = ex.submit(() -> {
          throw new IllegalArgumentException("boom");
        });
        Throwable err = failed.exception();
        out.add(line("exception", name(err), err.getMessage()));
        try {
          failed.result();
        } catch (ExecutionException e) {
          out.add(line("result raises", name(e)));
        }
      }
    });
    Future<Integer> f = new Future<>();
    f.setResult(1);
    try {
      f.setResult(2);
    } catch (InvalidStateError e) {
      out.add(line("set twice", name(e), e.getMessage().split(":")[0]));
    }
    Future<Integer> never = new Future<>();
    try {
      never.result(Duration.ofSeconds(-1));
    } catch (TimeoutException e) {
      out.add(line("negative timeout", name(e)));
    }
    return out;
  }

  @Test
  void sameEventsAsCpython() throws Exception {
    List<String> logged = new ArrayList<>();
    Logger jul = Logger.getLogger("io.execmodels.gilsim.futures");
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        synchronized (logged) {
          logged.add(r.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(capture);
    List<String> ours;
    try {
      ours = scenario(logged);
    } finally {
      jul.removeHandler(capture);
    }
    // The failing callback was logged, as CPython's "exception calling callback for <Future ...>".
    assertThat(logged).anySatisfy(m -> assertThat(m).startsWith("exception calling callback for"
        + " <Future at 0x").contains("state=finished returned Integer"));
    assertThat(ours).containsExactlyElementsOf(Py.run("future_states.py"));
  }

  @Test
  void cancelledErrorIsItsOwnTypeAndACancellationException() {
    Future<Integer> f = new Future<>();
    assertThat(f.cancel()).isTrue();
    assertThat(f.state()).isEqualTo(FutureState.CANCELLED);
    assertThatThrownBy(f::result).isExactlyInstanceOf(CancelledError.class)
        .isInstanceOf(CancellationException.class);
    assertThatThrownBy(() -> f.setResult(1)).isInstanceOf(InvalidStateError.class)
        .hasMessageStartingWith("CANCELLED: <Future at 0x");
  }

  @Test
  void statesOnlyMoveForward() throws Exception {
    Future<String> f = new Future<>();
    assertThat(f.state()).isEqualTo(FutureState.PENDING);
    assertThat(f.setRunningOrNotifyCancel()).isTrue();
    assertThat(f.state()).isEqualTo(FutureState.RUNNING);
    assertThat(f.cancel()).isFalse();
    assertThatThrownBy(f::setRunningOrNotifyCancel).isInstanceOf(InvalidStateError.class);
    f.setResult("x");
    assertThat(f.state()).isEqualTo(FutureState.FINISHED);
    assertThat(f.cancel()).isFalse();
    assertThat(f.result(Duration.ZERO)).isEqualTo("x");
    assertThat(f.exception()).isNull();
    assertThat(f.toString()).contains("state=finished returned String");

    Future<String> cancelled = new Future<>();
    cancelled.cancel();
    assertThat(cancelled.setRunningOrNotifyCancel()).isFalse();
  }

  @Test
  void callbackRunsInTheCompletingThreadOrAtOnceInTheCaller() throws Exception {
    Future<Integer> f = new Future<>();
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    f.addDoneCallback(x -> threads.add(Thread.currentThread().getName()));
    Thread completer = new Thread(() -> f.setResult(1), "completer");
    completer.start();
    completer.join();
    assertThat(threads).containsExactly("completer");
    f.addDoneCallback(x -> threads.add(Thread.currentThread().getName()));
    assertThat(threads).containsExactly("completer", Thread.currentThread().getName());
  }

  @Test
  void aWaitGivesTheGilUp() throws Exception {
    Gil gil = Gil.create();
    Future<Integer> f = new Future<>();
    Py.underGil(gil, () -> {
      // The completer needs the GIL to complete: only a wait that gave it up lets it.
      Thread completer = new Thread(() -> gil.runAsThread(() -> f.setResult(7)));
      completer.start();
      assertThat(f.result()).isEqualTo(7);
      completer.join();
    });
  }
}
