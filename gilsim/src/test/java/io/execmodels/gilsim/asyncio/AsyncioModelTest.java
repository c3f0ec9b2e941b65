package io.execmodels.gilsim.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What the {@code asyncio} model adds to the TCK: its loop, threads, debug mode and options. */
class AsyncioModelTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static ExecutionModel open(Config config) {
    return ExecutionModels.open(config.withModel(AsyncioModelProvider.NAME));
  }

  private static ExecutionModel open() {
    return open(Config.defaults());
  }

  @Test
  void itsTraitsAreOneLoopsAndOtherParallelismIsRefused() {
    try (ExecutionModel model = open()) {
      assertThat(model.traits().parallelism()).isEqualTo(1);
      assertThat(model.traits().preemption()).isEqualTo(Traits.Preemption.NONE);
      assertThat(model.traits().memory()).isEqualTo(Traits.Memory.SHARED);
    }
    assertThatThrownBy(() -> open(Config.defaults().withParallelism(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism 2").hasMessageContaining("process-pool");
  }

  @Test
  void unknownOrMalformedOptionsAreNamed() {
    assertThatThrownBy(() -> open(Config.defaults().withOption("asyncio.bogus", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model 'asyncio' has no option 'asyncio.bogus'");
    assertThatThrownBy(() -> open(Config.defaults().withOption("asyncio.debug", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asyncio.debug must be true or false");
    assertThatThrownBy(() -> open(Config.defaults().withOption("asyncio.executorThreads", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asyncio.executorThreads must be at least 1");
  }

  @Test
  void toThreadRunsOnTheDefaultExecutorWhileTheLoopRunsOtherTasks() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = open()) {
        CountDownLatch released = new CountDownLatch(1);
        String thread = model.run(ctx -> {
          Task<String> blocked = ctx.spawn(c -> Asyncio.toThread(c, () -> {
            // Only a task running on the loop meanwhile can open this.
            released.await();
            return Thread.currentThread().getName();
          }));
          Task<Void> opener = ctx.spawn(c -> {
            released.countDown();
            return null;
          });
          ctx.await(opener);
          return ctx.await(blocked);
        });
        assertThat(thread).startsWith("asyncio_");
      }
    });
  }

  @Test
  void computeHoldsTheLoopSoNoOtherTaskRunsMeanwhile() throws Exception {
    try (ExecutionModel model = open()) {
      AtomicBoolean otherRan = new AtomicBoolean();
      boolean sawOther = model.run(ctx -> {
        Task<Void> other = ctx.spawn(c -> {
          otherRan.set(true);
          return null;
        });
        boolean seen = ctx.compute(() -> {
          Thread.sleep(20);
          return otherRan.get();
        });
        ctx.await(other);
        return seen;
      });
      assertThat(sawOther).isFalse();
      assertThat(otherRan).isTrue();
    }
  }

  @Test
  void callSoonThreadsafeFromAnotherThreadWakesTheIdleLoop() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = open()) {
        String got = model.run(ctx -> {
          Loop loop = Asyncio.getRunningLoop();
          Event event = new Event();
          AtomicReference<String> ranOn = new AtomicReference<>();
          Thread foreign = new Thread(() -> loop.callSoonThreadsafe(() -> {
            ranOn.set(Thread.currentThread().getName());
            event.set();
          }));
          foreign.start();
          event.await(ctx);
          foreign.join();
          return ranOn.get();
        });
        assertThat(got).isNotEqualTo("").doesNotStartWith("Thread-");
      }
    });
  }

  @Test
  void theLoopIsNotThreadSafeAndSaysSo() throws Exception {
    try (ExecutionModel model = open()) {
      Loop loop = model.run(ctx -> Asyncio.getRunningLoop());
      assertThatThrownBy(() -> loop.callSoon(() -> { }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Non-thread-safe operation invoked on an event loop");
      assertThatThrownBy(() -> loop.callLater(Duration.ZERO, () -> { }))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(Asyncio::getRunningLoop)
          .isInstanceOf(IllegalStateException.class).hasMessage("no running event loop");
    }
  }

  @Test
  void callAtRunsAtItsTimeAndACancelledHandleNever() throws Exception {
    try (ExecutionModel model = open()) {
      List<String> order = model.run(ctx -> {
        Loop loop = Asyncio.getRunningLoop();
        List<String> seen = new CopyOnWriteArrayList<>();
        Handle cancelled = loop.callSoon(() -> seen.add("cancelled"));
        double base = loop.time();
        Handle timer = loop.callAt(base + 0.02, () -> seen.add("at"));
        loop.callAt(base + 0.01, () -> seen.add("earlier"));
        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.cancel()).isFalse();
        assertThat(timer.when()).isCloseTo(base + 0.02, within(1e-6));
        Asyncio.sleep(ctx, Duration.ofMillis(40));
        return seen;
      });
      assertThat(order).containsExactly("earlier", "at");
    }
  }

  @Test
  void debugModeReportsAStepOrCallbackThatHeldTheLoopTooLong() throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = recordingTo(records);
    Logger logger = Logger.getLogger("asyncio");
    logger.addHandler(handler);
    try (ExecutionModel model = open(Config.defaults().withOption("asyncio.debug", "true")
        .withOption("asyncio.slowCallbackMillis", "30"))) {
      model.run(ctx -> {
        Asyncio.getRunningLoop().callSoon(() -> pause(40));
        Task<Void> slow = ctx.spawn("slow-step", c -> {
          pause(40);
          return null;
        });
        ctx.await(slow);
        return null;
      });
    } finally {
      logger.removeHandler(handler);
    }
    List<String> slow = records.stream().filter(r -> r.getLevel() == Level.WARNING)
        .map(LogRecord::getMessage).toList();
    assertThat(slow).anySatisfy(m -> assertThat(m)
        .matches("Executing <Task pending name='slow-step'> took 0\\.\\d{3} seconds"));
    assertThat(slow).anySatisfy(m -> assertThat(m)
        .matches("Executing <Handle .*> took 0\\.\\d{3} seconds"));
  }

  @Test
  void anUnretrievedTaskFailureIsLoggedAndTheRunGoesOnAsAsyncioDoesUnderTheLogPolicy()
      throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = recordingTo(records);
    Logger logger = Logger.getLogger("io.execmodels");
    logger.addHandler(handler);
    String result;
    try (ExecutionModel model = open(Config.defaults()
        .withUnhandledFailurePolicy(io.execmodels.core.UnhandledFailurePolicy.LOG))) {
      result = model.run(ctx -> {
        Task<Void> doomed = ctx.spawn("doomed", c -> {
          throw new IllegalArgumentException("nobody looks");
        });
        while (!doomed.isDone()) {
          Asyncio.sleep(ctx, Duration.ZERO);
        }
        return "went on";
      });
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(result).isEqualTo("went on");
    assertThat(records).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.WARNING);
      assertThat(r.getMessage()).isEqualTo(
          "task 'doomed' on model 'asyncio' failed and its failure was never retrieved");
      assertThat(r.getThrown()).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("nobody looks");
    });
  }

  @Test
  void anUnretrievedTaskFailureFailsTheRunByDefault() {
    try (ExecutionModel model = open()) {
      assertThatThrownBy(() -> model.run(ctx -> {
        Task<Void> doomed = ctx.spawn("doomed", c -> {
          throw new IllegalArgumentException("nobody looks");
        });
        while (!doomed.isDone()) {
          Asyncio.sleep(ctx, Duration.ZERO);
        }
        return null;
      })).isInstanceOf(io.execmodels.core.UnhandledFailureException.class)
          .hasStackTraceContaining("nobody looks");
    }
  }

  /** A log handler that keeps every record it is given in {@code records}. */
  private static Handler recordingTo(List<LogRecord> records) {
    return new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void closeLeavesNoThreadOfTheModelRunning() throws Exception {
    AtomicReference<Thread> callbackThread = new AtomicReference<>();
    AtomicReference<Thread> worker = new AtomicReference<>();
    AtomicReference<Thread> task = new AtomicReference<>();
    ExecutionModel model = open();
    model.run(ctx -> {
      CountDownLatch seen = new CountDownLatch(1);
      Asyncio.getRunningLoop().callSoon(() -> {
        callbackThread.set(Thread.currentThread());
        seen.countDown();
      });
      Asyncio.sleep(ctx, Duration.ZERO);
      seen.await();
      task.set(Thread.currentThread());
      Asyncio.toThread(ctx, () -> {
        worker.set(Thread.currentThread());
        return null;
      });
      return null;
    });
    model.close();
    assertThat(callbackThread.get().isAlive()).as("the thread that ran a loop callback").isFalse();
    assertThat(task.get().isAlive()).as("a task's thread").isFalse();
    assertThat(worker.get().isAlive()).as("the default executor's thread").isFalse();
  }

  @Test
  void runInExecutorRunsOnTheGivenExecutorAndPassesItsFailureOn() {
    assertTimeoutPreemptively(LIMIT, () -> {
      ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
      try (ExecutionModel model = open()) {
        String where = model.run(ctx -> Asyncio.runInExecutor(ctx, pool,
            () -> Thread.currentThread().getName()));
        assertThat(where).isEqualTo("mine");
        assertThatThrownBy(() -> model.run(ctx -> Asyncio.runInExecutor(ctx, pool, () -> {
          throw new java.io.IOException("disk");
        }))).isInstanceOf(java.io.IOException.class).hasMessage("disk");
      } finally {
        pool.shutdownNow();
      }
    });
  }

  @Test
  void aBlockThatEndsInTimeReturnsItsValueAndNoTimeoutFires() throws Exception {
    try (ExecutionModel model = open()) {
      List<Object> got = model.run(ctx -> {
        String inTime = Asyncio.timeout(ctx, Duration.ofSeconds(30), c -> "in time");
        Task<String> quick = ctx.spawn(c -> "quick");
        String noLimit = Asyncio.waitFor(ctx, quick, null);
        Asyncio.sleep(ctx, Duration.ofMillis(1)); // a timeout left armed would fire in here
        return List.of(inTime, noLimit);
      });
      assertThat(got).containsExactly("in time", "quick");
    }
  }
}
