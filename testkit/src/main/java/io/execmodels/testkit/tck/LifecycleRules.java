package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import com.google.common.util.concurrent.MoreExecutors;
import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.LeakException;
import io.execmodels.core.Stats;
import io.execmodels.core.Task;
import io.execmodels.core.TimeoutCancellationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A task's life: it runs once, completes, fails or is cancelled once, its run returns or rethrows
 * its outcome, interrupts neither end nor get lost at its suspension points, and what it leaves
 * behind at the end of its run is cancelled or reported. The scheduler's part in it: each body it
 * is given runs once, and a parked task is woken by the wake-up meant for it.
 */
abstract class LifecycleRules extends RuleSet {

  LifecycleRules(ExecutionModelTck tck) {
    super(tck);
  }

  private enum Outcome { SUCCEED, FAIL, CANCEL }

  @Test
  void required_lifecycle1_everySpawnedTaskCompletesFailsOrIsCancelledExactlyOnce()
      throws Exception {
    Seed seed = Seed.next("everySpawnedTaskCompletesFailsOrIsCancelledExactlyOnce");
    SplittableRandom random = seed.random();
    int n = 50 + random.nextInt(150);
    Outcome[] outcomes = new Outcome[n];
    for (int i = 0; i < n; i++) {
      outcomes[i] = Outcome.values()[random.nextInt(3)];
    }
    AtomicIntegerArray completions = new AtomicIntegerArray(n);
    ExecutionModel model = open();
    List<Object> observed = model.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        Task<Integer> t = ctx.spawn(c -> switch (outcomes[id]) {
          case SUCCEED -> id;
          case FAIL -> throw new Boom("task " + id);
          case CANCEL -> never.receive();
        });
        t.addListener(() -> completions.incrementAndGet(id), MoreExecutors.directExecutor());
        tasks.add(t);
      }
      for (int i = 0; i < n; i++) {
        if (outcomes[i] == Outcome.CANCEL) {
          tasks.get(i).cancel();
        }
      }
      List<Object> seen = new ArrayList<>();
      for (Task<Integer> t : tasks) {
        try {
          seen.add(ctx.await(t));
        } catch (CompletionException e) {
          seen.add(e.getCause());
        } catch (CancellationException e) {
          seen.add(Outcome.CANCEL);
        }
      }
      return seen;
    });
    model.close();

    for (int i = 0; i < n; i++) {
      assertThat(completions.get(i)).as("completions of task %d, %s", i, seed).isEqualTo(1);
      switch (outcomes[i]) {
        case SUCCEED -> assertThat(observed.get(i)).as("task %d, %s", i, seed).isEqualTo(i);
        case FAIL -> assertThat(observed.get(i)).as("task %d, %s", i, seed)
            .isInstanceOf(Boom.class).hasToString(new Boom("task " + i).toString());
        case CANCEL -> assertThat(observed.get(i)).as("task %d, %s", i, seed).isEqualTo(Outcome.CANCEL);
      }
    }
    Stats stats = model.stats();
    long succeeded = count(outcomes, Outcome.SUCCEED) + 1;
    assertThat(stats.spawned()).as("spawned, %s", seed).isEqualTo(n + 1);
    assertThat(stats.succeeded()).as("succeeded (with the run's own task), %s", seed)
        .isEqualTo(succeeded);
    assertThat(stats.failed()).as("failed, %s", seed).isEqualTo(count(outcomes, Outcome.FAIL));
    assertThat(stats.cancelled()).as("cancelled, %s", seed)
        .isEqualTo(count(outcomes, Outcome.CANCEL));
    assertThat(stats.running()).as("running after close, %s", seed).isZero();
  }

  private static long count(Outcome[] outcomes, Outcome o) {
    return java.util.Arrays.stream(outcomes).filter(x -> x == o).count();
  }

  @Test
  void required_lifecycle2_runReturnsTheBodysResultAndRethrowsItsFailureAsIs() {
    ExecutionModel model = open();
    Boom boom = new Boom("body");
    String result = runUnchecked(model, ctx -> ctx.await(ctx.spawn(c -> "child")) + "+main");
    assertThat(result).isEqualTo("child+main");
    assertThatThrownBy(() -> model.run(ctx -> {
      throw boom;
    })).isSameAs(boom);
  }

  /**
   * One rule for a thread interrupt on every model, since none of the originals has such a thing
   * (Go, Node and CPython have no thread interrupt): suspension points ignore it. A sleep lasts
   * its time, a wait ends only when its value comes, and the interrupt status is kept for the
   * task's own code (a blocking call it makes may still see it). Cancellation is {@link
   * Task#cancel()}.
   */
  @Test
  void required_lifecycle3_aThreadInterruptNeitherEndsASuspensionPointNorIsLost() {
    ExecutionModel model = open();
    String seen = runUnchecked(model, ctx -> {
      Channel<String> ch = ctx.channel(0);
      AtomicBoolean receiving = new AtomicBoolean();
      Task<Void> sender = ctx.spawn(c -> {
        // Sends only once the receiver waits, so the value ends a wait begun interrupted.
        Probe.await(c, () -> receiving.get() && model.stats().parked() >= 1,
            "the interrupted receiver waiting for the value");
        ch.send("value");
        return null;
      });
      Thread.currentThread().interrupt();
      long start = ctx.now();
      ctx.sleep(Duration.ofMillis(10));
      long slept = ctx.now() - start;
      boolean keptAfterSleep = Thread.currentThread().isInterrupted();
      receiving.set(true);
      String received = ch.receive();
      ctx.await(sender);
      boolean kept = Thread.interrupted(); // and cleared, for the model's own code after the run
      return (slept >= 10_000_000L) + " " + keptAfterSleep + " " + received + " " + kept;
    });
    assertThat(seen).as("slept the full time, interrupt kept, value received, interrupt kept")
        .isEqualTo("true true value true");
  }

  @Test
  void required_lifecycle4_tasksSpawnedWhileARunEndsAreCancelledToo() throws Exception {
    ExecutionModel model = open(config().withShutdownGrace(Duration.ofSeconds(20)));
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Task<Void>> cleanup = new AtomicReference<>();
    long begin = System.nanoTime();
    String result = model.run(ctx -> {
      ctx.spawn("child", c -> {
        try {
          started.countDown();
          c.sleep(Duration.ofHours(1));
        } finally {
          // Cleanup spawned as the run cancels the child: it must be cancelled too.
          cleanup.set(c.spawn("cleanup", g -> {
            g.sleep(Duration.ofHours(1));
            return null;
          }));
        }
        return null;
      });
      ctx.blocking(() -> {
        started.await();
        return null;
      });
      return "done";
    });
    assertThat(result).isEqualTo("done");
    assertThat(cleanup.get().isCancelled())
        .as("the task spawned during the run's end was cancelled").isTrue();
    assertThat(model.stats().running()).as("tasks still running after the run").isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .as("the run did not wait out its grace").isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void required_lifecycle5_aLeakCheckReportsTasksStillRunningWhenTheRunEnds() throws Exception {
    ExecutionModel checked = open(config().withLeakCheck(true));
    assertThatThrownBy(() -> checked.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      ctx.spawn("leaky", c -> never.receive());
      return ctx.await(ctx.spawn("done", c -> 1));
    })).isInstanceOfSatisfying(LeakException.class,
        e -> assertThat(e.leaks()).singleElement().asString().startsWith("task 'leaky'"));
    assertThat(checked.stats().running()).as("the leaked task was cancelled").isZero();

    int clean = checked.run(ctx -> ctx.await(ctx.spawn(c -> 2)));
    assertThat(clean).as("a run that leaves nothing behind passes").isEqualTo(2);

    ExecutionModel unchecked = open();
    int result = unchecked.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      ctx.spawn("leaky", c -> never.receive());
      return 3;
    });
    assertThat(result).as("without the check, leftovers are cancelled quietly").isEqualTo(3);
  }

  @Test
  void required_lifecycle6_aCtxUsedOutsideItsTaskFails() throws Exception {
    ExecutionModel model = open();
    AtomicReference<Ctx> escaped = new AtomicReference<>();
    AtomicReference<Channel<Integer>> channel = new AtomicReference<>();
    model.run(ctx -> {
      escaped.set(ctx);
      channel.set(ctx.channel(1));
      return null;
    });
    assertThatThrownBy(() -> escaped.get().sleep(Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside its task");
    assertThatThrownBy(() -> escaped.get().spawn(c -> 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside its task");
    assertThatThrownBy(() -> channel.get().receive())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("from a task");
    assertThat(channel.get().trySend(1)).as("non-blocking operations work anywhere").isTrue();
    assertThat(channel.get().tryReceive()).isEqualTo(1);
  }

  /**
   * The scheduler's side of a spawn: it runs each body it is given exactly once, neither dropping
   * one nor running one twice. Each body counts its runs and waits once (a suspension point, where
   * a second run of the same task could overlap the first); after close, each ran once and none
   * is still counted as running (a body run twice ends twice).
   */
  @Test
  void required_lifecycle7_theSchedulerRunsEachSpawnedBodyExactlyOnce() throws Exception {
    int n = 20;
    AtomicIntegerArray runs = new AtomicIntegerArray(n);
    ExecutionModel model = open();
    List<Integer> results = new ArrayList<>();
    // What the run and close report is checked last: a body run twice may fail either, in ways
    // that depend on timing, and the count of runs is the report that names the rule.
    Throwable runFailure = catchThrowable(() -> results.addAll(model.run(ctx -> {
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        tasks.add(ctx.spawn(c -> {
          runs.incrementAndGet(id);
          c.sleep(Duration.ofMillis(1));
          return id;
        }));
      }
      return ctx.awaitAll(tasks);
    })));
    Throwable closeFailure = catchThrowable(model::close);
    for (int i = 0; i < n; i++) {
      assertThat(runs.get(i)).as("[each body runs once] times the body of task %d ran", i)
          .isEqualTo(1);
    }
    Stats stats = model.stats();
    assertThat(stats.running())
        .as("[each body runs once] tasks counted as running after close (a body run twice"
            + " ends twice)")
        .isZero();
    assertThat(runFailure).as("what the run threw").isNull();
    assertThat(closeFailure).as("what close reported").isNull();
    assertThat(results).as("the tasks' results").hasSize(n)
        .allSatisfy(r -> assertThat(results.get(r)).isEqualTo(r));
    assertThat(stats.spawned()).as("tasks spawned, the run's own with them").isEqualTo(n + 1);
    assertThat(stats.succeeded()).as("tasks succeeded").isEqualTo(n + 1);
  }

  /**
   * Park and unpark: a task that waits parks itself, and the wake-up meant for it wakes it, not
   * another. Many tasks wait at once, each on its own channel; once every one is parked, each is
   * sent its value in the reverse order of their spawns, and each must come back with its own.
   */
  @Test
  void required_lifecycle8_eachWaitingTaskParksItselfAndIsWokenAsItself() throws Exception {
    int n = 16;
    ExecutionModel model = open();
    List<Integer> results = model.run(ctx -> {
      List<Channel<Integer>> channels = new ArrayList<>();
      List<Task<Integer>> waiters = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Channel<Integer> ch = ctx.channel(0);
        channels.add(ch);
        waiters.add(ctx.spawn("waiter-" + i, c -> ch.receive()));
      }
      Probe.awaitParked(model, ctx, n, "every waiter parked on its channel");
      for (int i = n - 1; i >= 0; i--) {
        channels.get(i).send(i);
      }
      try {
        return ctx.withTimeout(Probe.BOUND, c -> c.awaitAll(waiters));
      } catch (TimeoutCancellationException e) {
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (!waiters.get(i).isDone()) {
            stuck.add("waiter-" + i);
          }
        }
        return fail("sent every waiter its value, but these were never woken within "
            + Probe.BOUND + ": " + stuck);
      }
    });
    for (int i = 0; i < n; i++) {
      assertThat(results.get(i)).as("the value waiter-%d received", i).isEqualTo(i);
    }
  }

  private static <T> T runUnchecked(ExecutionModel model, io.execmodels.core.Body<T> body) {
    try {
      return model.run(body);
    } catch (Exception e) {
      return fail("run failed", e);
    }
  }
}
