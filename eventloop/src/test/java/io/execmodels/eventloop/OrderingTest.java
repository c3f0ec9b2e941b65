package io.execmodels.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Node's ordering rules, pinned: each scenario runs on our loop, is checked against the order
 * Node documents, and then against what {@code node} itself prints for the scenario's {@code .js}
 * twin (skipped where there is no {@code node}).
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderingTest {

  private final List<String> out = new ArrayList<>();

  private void log(String line) {
    out.add(line);
  }

  @Test
  void nextTickRunsBeforePromiseMicrotasks() throws Exception {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      Promise.resolve(loop, null).then(v -> {
        log("promise 1");
        return null;
      });
      loop.nextTick(() -> log("tick 1"));
      loop.queueMicrotask(() -> log("microtask 1"));
      loop.nextTick(() -> {
        log("tick 2");
        Promise.resolve(loop, null).then(v -> {
          log("promise from tick 2");
          loop.nextTick(() -> log("tick from promise"));
          return null;
        });
      });
      Promise.resolve(loop, null).then(v -> {
        log("promise 2");
        return null;
      });
      log("main");
    });
    loop.close();
    assertThat(out).containsExactly("main", "tick 1", "tick 2", "promise 1", "microtask 1",
        "promise 2", "promise from tick 2", "tick from promise");
    assertThat(out).isEqualTo(NodeScript.run("nextTickBeforePromises"));
  }

  @Test
  void microtasksDrainBetweenTwoTimerCallbacks() throws Exception {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      loop.setTimeout(() -> {
        log("timer 1");
        loop.queueMicrotask(() -> log("promise after timer 1"));
        loop.nextTick(() -> log("tick after timer 1"));
      }, 0);
      loop.setTimeout(() -> {
        log("timer 2");
        Promise.resolve(loop, null).then(v -> {
          log("promise after timer 2");
          return null;
        });
      }, 0);
    });
    loop.close();
    assertThat(out).containsExactly("timer 1", "tick after timer 1", "promise after timer 1",
        "timer 2", "promise after timer 2");
    assertThat(out).isEqualTo(NodeScript.run("microtasksBetweenTimers"));
  }

  @Test
  void insideAnIoCallbackAnImmediateRunsBeforeATimeoutOfZero() throws Exception {
    Pipe pipe = Pipe.open();
    pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
    pipe.sink().close();
    EventLoop loop = new EventLoop();
    loop.run(() -> loop.register(pipe.source(), SelectionKey.OP_READ, (h, ops) -> {
      h.close();
      log("io");
      loop.setTimeout(() -> {
        log("timeout");
        loop.setTimeout(() -> log("timeout from timer"), 0);
        loop.setImmediate(() -> log("immediate from timer"));
      }, 0);
      loop.setImmediate(() -> log("immediate"));
    }));
    loop.close();
    assertThat(out).containsExactly("io", "immediate", "timeout", "immediate from timer",
        "timeout from timer");
    assertThat(out).isEqualTo(NodeScript.run("immediateBeforeTimeoutInIo"));
  }

  @Test
  void anImmediateQueuedByAnImmediateWaitsForTheNextTurn() throws Exception {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      loop.setImmediate(() -> {
        log("immediate 1");
        loop.setImmediate(() -> log("immediate 3"));
        loop.nextTick(() -> log("tick in immediate 1"));
      });
      loop.setImmediate(() -> log("immediate 2"));
    });
    loop.close();
    assertThat(out).containsExactly("immediate 1", "tick in immediate 1", "immediate 2",
        "immediate 3");
    assertThat(out).isEqualTo(NodeScript.run("immediatesQueuedInCheckWaitATurn"));
  }

  @Test
  void overdueTimersFireListByListAsNodeTakesThem() throws Exception {
    EventLoop loop = new EventLoop();
    loop.run(() -> loop.setImmediate(() -> {
      loop.setTimeout(() -> log("A 10 ms, due at 10"), 10);
      loop.setTimeout(() -> log("C 20 ms, due at 20"), 20);
      loop.setImmediate(() -> {
        spin(15);
        loop.setTimeout(() -> log("B 10 ms, due at 25"), 10);
        spin(100);
      });
    }));
    loop.close();
    // All three are overdue when the timers phase comes: the 10 ms list (A, then B) is taken
    // first, for its first deadline, and runs both before the 20 ms list; strict deadline order
    // would put C before B.
    assertThat(out).containsExactly("A 10 ms, due at 10", "B 10 ms, due at 25",
        "C 20 ms, due at 20");
    assertThat(out).isEqualTo(NodeScript.run("overdueTimersListByList"));
  }

  private static void spin(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  @Test
  void timersFireByDeadlineThenCreationOrder() throws Exception {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      loop.setTimeout(logger("A 200"), 200);
      loop.setTimeout(logger("B 100"), 100);
      loop.setTimeout(logger("C 200"), 200);
      loop.setTimeout(logger("D 100"), 100);
      loop.setTimeout(logger("E 0 is 1"), 0);
    });
    loop.close();
    assertThat(out).containsExactly("E 0 is 1", "B 100", "D 100", "A 200", "C 200");
    assertThat(out).isEqualTo(NodeScript.run("timerOrder"));
  }

  /** One lambda site for every timer, so arming them costs no linkage in between. */
  private Runnable logger(String line) {
    return () -> log(line);
  }

  @Test
  void anIntervalRepeatsUntilItClearsItself() throws Exception {
    EventLoop loop = new EventLoop();
    int[] n = {0};
    Timeout[] iv = new Timeout[1];
    loop.run(() -> iv[0] = loop.setInterval(() -> {
      int k = ++n[0];
      log("interval " + k);
      Promise.resolve(loop, null).then(v -> {
        log("promise " + k);
        return null;
      });
      if (k == 3) {
        loop.clearInterval(iv[0]);
        loop.setTimeout(() -> log("after clear"), 5);
      }
    }, 1));
    loop.close();
    assertThat(out).containsExactly("interval 1", "promise 1", "interval 2", "promise 2",
        "interval 3", "promise 3", "after clear");
    assertThat(out).isEqualTo(NodeScript.run("interval"));
  }

  @Test
  void unrefdTimersFireButDoNotKeepTheLoopAlive() throws Exception {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      loop.setTimeout(() -> log("unref 5"), 5).unref();
      loop.setTimeout(() -> log("unref 10000"), 10_000).unref();
      loop.setTimeout(() -> log("ref 30"), 30);
    });
    log("exit");
    loop.close();
    assertThat(out).containsExactly("unref 5", "ref 30", "exit");
    assertThat(out).isEqualTo(NodeScript.run("unrefTimers"));
  }

  @Test
  void aRejectionHandledLateIsReportedAfterTheMicrotaskDrain() throws Exception {
    List<String> out = new ArrayList<>();
    EventLoop loop = new EventLoop(LoopOptions.defaults()
        .withOnUnhandledRejection(r -> out.add("unhandled " + r.getMessage()))
        .withOnRejectionHandled(p -> out.add("handled later")));
    loop.run(() -> {
      Promise<Object> p = Promise.reject(loop, new IllegalStateException("x"));
      loop.setTimeout(() -> {
        p.catchError(e -> {
          out.add("caught");
          return null;
        });
        out.add("catch attached");
        loop.nextTick(() -> out.add("tick after attach"));
        loop.setImmediate(() -> out.add("immediate after attach"));
      }, 10);
      Promise<Object> q = Promise.reject(loop, new IllegalStateException("y"));
      q.catchError(e -> {
        out.add("caught at once");
        return null;
      });
    });
    loop.close();
    assertThat(out).isEqualTo(NodeScript.run("rejectionHandled"));
  }
}
