package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Closing a model, and what core and the scheduler owe each other then (the contract in {@link
 * io.execmodels.core.spi.Scheduler}'s comment): core shuts the scheduler down once, at close, after
 * no more spawns can come, normally once every task has ended; when a task outlives the grace, the
 * scheduler gives up on it after its grace and says so. A closed model has no task running and no
 * thread of its own alive, and refuses work.
 */
abstract class ShutdownRules extends RuleSet {

  ShutdownRules(ExecutionModelTck tck) {
    super(tck);
  }

  @Test
  void required_shutdown1_closeLeavesNoTaskRunningAndNoThreadOfTheModelAlive() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    // The grace only bounds a model that is slow to unwind its parked tasks (a loaded machine): a
    // correct one ends them at once, and one that never does still fails after it.
    ExecutionModel model = open(config().withShutdownGrace(Duration.ofSeconds(5)));
    Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
    int blocked = 20;
    CountDownLatch started = new CountDownLatch(2 * blocked);
    for (int i = 0; i < blocked; i++) {
      model.spawn(ctx -> {
        taskThreads.add(Thread.currentThread());
        Channel<Integer> never = ctx.channel(0);
        started.countDown();
        return never.receive();
      });
      model.spawn(ctx -> {
        taskThreads.add(Thread.currentThread());
        started.countDown();
        ctx.sleep(Duration.ofHours(1));
        return null;
      });
    }
    model.run(ctx -> ctx.await(ctx.spawn(c -> taskThreads.add(Thread.currentThread()))));
    assertThat(started.await(30, TimeUnit.SECONDS)).as("tasks started").isTrue();

    model.close();

    assertThat(model.isClosed()).isTrue();
    assertThat(model.stats().running()).as("tasks still running").isZero();
    // Once close() returns, the model's threads have done all their work; each may still be
    // between its last instruction and its termination, which a join (bounded: a thread that
    // does not end fails the rule) waits out.
    assertThat(taskThreads).as("threads tasks ran on").isNotEmpty()
        .allSatisfy(t -> assertThat(ended(t)).as("%s ended after close", t).isTrue());
    List<Thread> left = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && !isJvmShared(t) && !ended(t))
        .toList();
    assertThat(left).as("threads started during the rule and alive after close").isEmpty();
    assertThatThrownBy(() -> model.spawn(ctx -> 1))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("closed");
  }

  /**
   * A model serves runs and spawns until it is closed, and is closed once: the end of a run shuts
   * nothing down, closing again and shutting down now after close do nothing and throw nothing
   * (core shuts the scheduler down once, at the first close), and a closed model refuses work.
   */
  @Test
  void required_shutdown2_aModelServesUntilItIsClosedAndClosesOnce() throws Exception {
    ExecutionModel model = open();
    int first = model.run(ctx -> ctx.await(ctx.spawn(c -> 1)));
    int second = model.run(ctx -> 2);
    int outside = model.spawn(ctx -> 3).get(30, TimeUnit.SECONDS);
    assertThat(first).as("a run").isEqualTo(1);
    assertThat(second).as("a second run: a run's end shuts nothing down").isEqualTo(2);
    assertThat(outside).as("a spawn from outside").isEqualTo(3);

    model.close();
    assertThat(model.isClosed()).isTrue();
    assertThatCode(model::close).as("closing a closed model").doesNotThrowAnyException();
    assertThatCode(model::shutdownNow).as("shutting a closed model down now")
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> model.run(ctx -> 4))
        .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> model.spawn(ctx -> 5))
        .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("closed");
  }

  /**
   * A task that ignores its cancellation (it computes, and reaches no suspension point) outlives
   * the grace; close gives up on it after the grace, as the scheduler's shutdown must, and fails
   * naming it rather than hanging. Once the task stops on its own, it ends.
   */
  @Test
  void required_shutdown3_closeGivesUpOnATaskThatIgnoresCancellationAndNamesIt() throws Exception {
    Duration grace = Duration.ofMillis(200);
    ExecutionModel model = open(config().withShutdownGrace(grace));
    AtomicBoolean release = new AtomicBoolean();
    CountDownLatch computing = new CountDownLatch(1);
    model.spawn(ctx -> {
      ctx.go("stubborn", c -> {
        computing.countDown();
        while (!release.get()) {
          Thread.onSpinWait();
        }
        return null;
      });
      return null;
    });
    assertThat(computing.await(30, TimeUnit.SECONDS)).as("the stubborn task started").isTrue();

    // Closed from a thread of its own, so that a close that never gives up fails the rule.
    FutureTask<Throwable> closing = new FutureTask<>(() -> {
      try {
        model.close();
        return null;
      } catch (RuntimeException | Error e) {
        return e;
      }
    });
    Thread closer = new Thread(closing, "tck-close");
    closer.start();
    Duration bound = Duration.ofSeconds(10).plus(grace.multipliedBy(3));
    Throwable thrown;
    try {
      thrown = closing.get(bound.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      release.set(true);
      closer.join(Duration.ofSeconds(30));
      fail("close did not return within " + bound + " while a task ignored its cancellation: "
          + "core's grace is " + grace + " (twice, then once for the scheduler), and the "
          + "scheduler's shutdown must give up on a fiber still alive after its grace");
      return;
    } finally {
      release.set(true);
    }
    assertThat(thrown).as("what close reported")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("stubborn");
    assertThat(model.isClosed()).isTrue();
    long giveUp = System.nanoTime() + Probe.BOUND.toNanos();
    while (model.stats().running() > 0 && System.nanoTime() - giveUp < 0) {
      Thread.sleep(1);
    }
    assertThat(model.stats().running()).as("tasks running once the stubborn one was let go")
        .isZero();
  }

  private static boolean ended(Thread t) {
    try {
      return t.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Threads the JVM shares among everything, which no model owns: the carriers of virtual threads.
   */
  private static boolean isJvmShared(Thread t) {
    return t.getClass().getName().equals("jdk.internal.misc.CarrierThread");
  }
}
