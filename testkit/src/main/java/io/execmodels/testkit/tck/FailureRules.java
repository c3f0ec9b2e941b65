package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.Task;
import io.execmodels.core.TimeoutCancellationException;
import io.execmodels.core.UnhandledFailureException;
import io.execmodels.core.UnhandledFailurePolicy;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Failures: an awaited failure is rethrown as a {@link java.util.concurrent.CompletionException}
 * caused by it, {@code awaitAll} and {@code awaitAny} report as they promise, and a failure nobody
 * retrieved is never lost: it fails the run (or close), or is logged under the log policy.
 */
abstract class FailureRules extends RuleSet {

  FailureRules(ExecutionModelTck tck) {
    super(tck);
  }

  @Test
  void required_failure1_awaitAllPropagatesTheFirstFailure() throws Exception {
    open().run(ctx -> {
      Boom first = new Boom("first");
      Task<Integer> failsFirst = ctx.spawn(c -> {
        c.sleep(Duration.ofMillis(2));
        throw first;
      });
      Task<Integer> failsSecond = ctx.spawn(c -> {
        try {
          c.await(failsFirst);
        } catch (CompletionException expected) {
          // Only now, strictly after the first.
        }
        throw new Boom("second");
      });
      Task<Integer> succeeds = ctx.spawn(c -> 3);
      assertThatThrownBy(() -> ctx.awaitAll(List.of(succeeds, failsSecond, failsFirst)))
          .isInstanceOf(CompletionException.class)
          .cause().isSameAs(first);
      assertThatThrownBy(() -> ctx.await(failsSecond))
          .as("the failure awaitAll did not report is still there to retrieve")
          .cause().hasMessage("second");
      assertThat(ctx.awaitAll(List.of(succeeds, ctx.spawn(c -> 4)))).containsExactly(3, 4);
      return null;
    });
  }

  @Test
  void required_failure2_awaitRethrowsAFailureAsACompletionExceptionCausedByIt() throws Exception {
    open().run(ctx -> {
      Boom boom = new Boom("awaited");
      Task<Integer> t = ctx.spawn(c -> {
        throw boom;
      });
      assertThatThrownBy(() -> ctx.await(t))
          .isInstanceOf(CompletionException.class).cause().isSameAs(boom);
      return null;
    });
  }

  @Test
  void required_failure3_awaitAnyReturnsTheFirstSuccessAndFailsOnlyIfAllFail() throws Exception {
    open().run(ctx -> {
      Task<Integer> fails = ctx.spawn(c -> {
        throw new Boom("a");
      });
      Task<Integer> slow = ctx.spawn(c -> {
        c.sleep(Duration.ofHours(1));
        return 1;
      });
      Task<Integer> fast = ctx.spawn(c -> {
        try {
          c.await(fails);
        } catch (CompletionException expected) {
          // Succeed only after the failure, so that awaitAny sees a failure first.
        }
        return 2;
      });
      assertThat(ctx.<Integer>awaitAny(List.of(fails, slow, fast))).isEqualTo(2);
      slow.cancel();
      Task<Integer> alsoFails = ctx.spawn(c -> {
        throw new Boom("b");
      });
      assertThatThrownBy(() -> ctx.awaitAny(List.of(fails, alsoFails)))
          .isInstanceOf(CompletionException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
      return null;
    });
  }

  @Test
  void required_failure4_aFailureNobodyAwaitedFailsTheRunByDefault() {
    ExecutionModel model = open();
    Boom lost = new Boom("nobody awaits this");
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> reached = ctx.channel(1);
      ctx.spawn(c -> {
        reached.send(1);
        throw lost;
      });
      reached.receive();
      return 1;
    })).isInstanceOf(UnhandledFailureException.class).cause().isSameAs(lost);
  }


  @Test
  void required_failure5_aFailureOfADetachedTaskEndsItsRunAtOnce() {
    ExecutionModel model = open();
    Boom panic = new Boom("panic");
    AtomicBoolean rootCancelled = new AtomicBoolean();
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      ctx.go("worker", c -> {
        throw panic;
      });
      try {
        return never.receive();
      } catch (CancellationException e) {
        rootCancelled.set(true);
        throw e;
      }
    })).isInstanceOf(UnhandledFailureException.class)
        .hasMessageContaining("'worker'")
        .cause().isSameAs(panic);
    assertThat(rootCancelled).as("the run's other tasks were cancelled").isTrue();
    assertThat(model.stats().running()).isZero();
  }

  @Test
  void required_failure6_aDetachedFailureOutsideAnyRunIsReportedAtCloseAndStopsNothingElse()
      throws Exception {
    ExecutionModel model = open();
    Boom panic = new Boom("outside");
    Task<Void> parent = model.spawn(ctx -> {
      ctx.go("bad", c -> {
        throw panic;
      });
      return null;
    });
    parent.get(30, TimeUnit.SECONDS);
    Task<Integer> later = model.spawn(ctx -> 7);
    assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(7);
    assertThatThrownBy(model::close)
        .isInstanceOf(UnhandledFailureException.class).cause().isSameAs(panic);
  }

  @Test
  void required_failure7_aFailureOfADetachedTaskIsLoggedAtOnceUnderTheLogPolicy() throws Exception {
    ExecutionModel model = open(config().withUnhandledFailurePolicy(UnhandledFailurePolicy.LOG));
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = capture(records);
    Logger logger = Logger.getLogger("io.execmodels");
    logger.addHandler(handler);
    try {
      Boom panic = new Boom("logged at once");
      int result = model.run(ctx -> {
        ctx.go("worker", c -> {
          throw panic;
        });
        Probe.await(ctx, () -> records.stream().anyMatch(r -> r.getThrown() == panic),
            "the detached task's failure logged");
        return 1;
      });
      assertThat(result).as("the run went on to its end").isEqualTo(1);
    } finally {
      logger.removeHandler(handler);
    }
  }

  private static Handler capture(List<LogRecord> records) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @Test
  void required_failure8_aFailureNobodyAwaitedIsLoggedUnderTheLogPolicy() throws Exception {
    ExecutionModel model = open(config().withUnhandledFailurePolicy(UnhandledFailurePolicy.LOG));
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = capture(records);
    Logger logger = Logger.getLogger("io.execmodels");
    logger.addHandler(handler);
    try {
      Boom lost = new Boom("logged, not thrown");
      Integer result = model.run(ctx -> {
        Channel<Integer> reached = ctx.channel(1);
        ctx.spawn(c -> {
          reached.send(1);
          throw lost;
        });
        reached.receive();
        return 1;
      });
      assertThat(result).isEqualTo(1);
      assertThat(records).as("log records").anySatisfy(r -> assertThat(r.getThrown()).isSameAs(lost));
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void required_failure9_anAwaitedFailureIsNotReportedAsUnhandled() throws Exception {
    ExecutionModel model = open();
    int result = model.run(ctx -> {
      Task<Integer> t = ctx.spawn(c -> {
        throw new Boom("handled");
      });
      try {
        return ctx.await(t);
      } catch (CompletionException e) {
        return -1;
      }
    });
    assertThat(result).isEqualTo(-1);
    model.close();
  }

  @Test
  void required_failure10_aFailureOfATaskSpawnedOutsideAnyRunIsReportedAtClose() throws Exception {
    ExecutionModel model = open();
    Boom lost = new Boom("outside");
    CountDownLatch aboutToFail = new CountDownLatch(1);
    model.spawn(ctx -> {
      aboutToFail.countDown();
      throw lost;
    });
    assertThat(aboutToFail.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(model::close)
        .isInstanceOf(UnhandledFailureException.class).cause().isSameAs(lost);
    assertThat(model.isClosed()).isTrue();
  }

  @Test
  void required_failure11_anAwaitThatGaveUpLeavesNothingBehindOnTheAwaitedTask() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      Task<Integer> longLived = ctx.spawn(c -> never.receive());
      Task<byte[]> gaveUp = ctx.spawn(c -> {
        try {
          c.withTimeout(Duration.ofMillis(5), cc -> cc.await(longLived));
        } catch (TimeoutCancellationException expected) {
          // Gave up waiting; nothing of this task may stay reachable from longLived.
        }
        return new byte[1 << 20];
      });
      WeakReference<byte[]> result =
          new WeakReference<>(ctx.await(gaveUp));
      gaveUp = null;
      // Up to 5 s: the thread that ran the task may hold the result in a frame it is still
      // leaving, for as long as a loaded machine keeps it off a core.
      for (int i = 0; i < 500 && result.get() != null; i++) {
        System.gc();
        ctx.sleep(Duration.ofMillis(10));
      }
      assertThat(result.get()).as("the result of a done, dropped task is collectable").isNull();
      longLived.cancel();
      return null;
    });
  }

  @Test
  void required_failure12_aFailureIsNotRetrievedByAnAwaitThatGaveUp() {
    ExecutionModel model = open();
    Boom late = new Boom("after the awaiter gave up");
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> go = ctx.channel(0);
      Task<Integer> worker = ctx.spawn(c -> {
        go.receive();
        throw late;
      });
      try {
        ctx.withTimeout(Duration.ofMillis(5), c -> c.await(worker));
      } catch (TimeoutCancellationException gaveUp) {
        // Moved on without the outcome.
      }
      go.send(1);
      return null;
    })).isInstanceOf(UnhandledFailureException.class).cause().isSameAs(late);
  }

  @Test
  void required_failure13_awaitAllLeavesTheFailuresItDidNotReportToThePolicy() {
    ExecutionModel model = open();
    Boom second = new Boom("second");
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> go = ctx.channel(0);
      Task<Integer> a = ctx.spawn(c -> {
        throw new Boom("first");
      });
      Task<Integer> b = ctx.spawn(c -> {
        go.receive();
        throw second;
      });
      try {
        ctx.awaitAll(List.of(a, b));
      } catch (CompletionException reportedFirst) {
        // The first failure is handled here; the second is not.
      }
      go.send(1);
      return null;
    })).isInstanceOf(UnhandledFailureException.class).cause().isSameAs(second);
  }

  @Test
  void required_failure14_runRethrowsItsBodysFailureEvenWhenATaskFailedWithTheSameException() {
    ExecutionModel model = open();
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<RuntimeException> errors = ctx.channel(1);
      ctx.spawn(c -> {
        RuntimeException e = new Boom("reported and thrown");
        errors.send(e);
        throw e;
      });
      throw errors.receive();
    })).isInstanceOf(Boom.class).hasMessage("reported and thrown");
  }
}
