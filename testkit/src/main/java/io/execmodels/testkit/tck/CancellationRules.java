package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.Task;
import io.execmodels.core.TimeoutCancellationException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Cancellation and timeouts: a cancelled task's future is cancelled at once, and its body stops at
 * its next suspension point, having taken nothing (a cancelled receiver takes no value); {@code
 * withTimeout} likewise, when its deadline passes, and {@code withTimeoutOr} returns its value
 * instead; {@code nonCancellable} holds a cancellation off for cleanup that has to wait.
 */
abstract class CancellationRules extends RuleSet {

  CancellationRules(ExecutionModelTck tck) {
    super(tck);
  }

  @Test
  void required_cancellation1_cancellationIsObservedAtTheNextSuspensionPoint() throws Exception {
    ExecutionModel model = open();
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean release = new AtomicBoolean();
    AtomicBoolean ranAfterCancel = new AtomicBoolean();
    AtomicReference<Throwable> observed = new AtomicReference<>();
    AtomicBoolean ranPastSuspension = new AtomicBoolean();
    Task<Void> task = model.spawn(ctx -> {
      started.countDown();
      while (!release.get()) {
        Thread.onSpinWait();
      }
      ranAfterCancel.set(true);
      try {
        ctx.sleep(Duration.ofHours(1));
      } catch (CancellationException e) {
        observed.set(e);
        throw e;
      }
      ranPastSuspension.set(true);
      return null;
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(task.cancel()).isTrue();
    assertThat(task.isCancelled()).as("the future is cancelled at once").isTrue();
    release.set(true);
    model.close();
    assertThat(ranAfterCancel).as("code up to the next suspension point still runs").isTrue();
    assertThat(observed.get()).as("the suspension point threw").isInstanceOf(CancellationException.class);
    assertThat(ranPastSuspension).isFalse();
  }

  @Test
  void required_cancellation2_aCancelledReceiverTakesNoValue() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      Task<Integer> receiver = ctx.spawn(c -> ch.receive());
      Probe.awaitParked(model, ctx, 1, "the receiver waiting on the channel");
      receiver.cancel();
      Probe.awaitRunning(model, ctx, 1, "the cancelled receiver's body returned");
      assertThat(ch.trySend(5)).as("a cancelled receiver is no longer waiting").isFalse();
      return null;
    });
  }

  @Test
  void required_cancellation3_withTimeoutIsObservedAtTheNextSuspensionPoint() throws Exception {
    open().run(ctx -> {
      assertThatThrownBy(() -> ctx.withTimeout(Duration.ofMillis(20), c -> {
        c.sleep(Duration.ofHours(1));
        return null;
      })).isInstanceOf(TimeoutCancellationException.class);

      AtomicBoolean computedPastDeadline = new AtomicBoolean();
      AtomicBoolean ranPastSuspension = new AtomicBoolean();
      assertThatThrownBy(() -> ctx.withTimeout(Duration.ofMillis(20), c -> {
        // Read inside the body: the deadline was set before it started, so it is surely past.
        long start = c.now();
        while (c.now() - start < 60_000_000L) {
          Thread.onSpinWait();
        }
        computedPastDeadline.set(true);
        c.checkpoint();
        ranPastSuspension.set(true);
        return null;
      })).isInstanceOfSatisfying(TimeoutCancellationException.class,
          e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(20)));
      assertThat(computedPastDeadline).as("code between suspension points is not interrupted").isTrue();
      assertThat(ranPastSuspension).isFalse();

      int quick = ctx.withTimeout(Duration.ofMillis(1), c -> 7);
      assertThat(quick).as("a body done before any suspension point returns").isEqualTo(7);
      ctx.sleep(Duration.ofMillis(5));
      int inTime = ctx.withTimeout(Duration.ofHours(1), c -> {
        c.sleep(Duration.ofMillis(1));
        return 8;
      });
      assertThat(inTime).as("a body done in time returns").isEqualTo(8);
      return null;
    });
  }

  @Test
  void required_cancellation4_aCancelledTaskReturnsItsPermitInANonCancellableBlock()
      throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Boolean> permits = ctx.channel(1, "permits");
      AtomicBoolean sawCancelledInside = new AtomicBoolean(true);
      AtomicReference<Throwable> afterBlock = new AtomicReference<>();
      Task<Void> holder = ctx.spawn(c -> {
        permits.send(true);
        try {
          c.sleep(Duration.ofHours(1));
        } finally {
          c.nonCancellable(inner -> {
            sawCancelledInside.set(inner.isCancelled());
            inner.sleep(Duration.ofMillis(1)); // a wait that a cancellation would have ended
            return permits.receive();
          });
          try {
            c.checkpoint();
          } catch (CancellationException e) {
            afterBlock.set(e);
          }
        }
        return null;
      });
      Probe.awaitParked(model, ctx, 1, "the holder asleep with the permit");
      holder.cancel();
      assertThatThrownBy(() -> ctx.await(holder)).isInstanceOf(CancellationException.class);
      Probe.awaitRunning(model, ctx, 1, "the holder's body returned");
      assertThat(sawCancelledInside).as("isCancelled inside the block").isFalse();
      assertThat(afterBlock.get()).as("the cancellation, seen at the first point after the block")
          .isInstanceOf(CancellationException.class);
      assertThat(permits.trySend(true)).as("the permit was returned").isTrue();
      return null;
    });
  }

  @Test
  void required_cancellation5_aTimeoutInsideANonCancellableBlockStillBoundsIt() throws Exception {
    open().run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      AtomicReference<String> cleanup = new AtomicReference<>();
      assertThatThrownBy(() -> ctx.withTimeout(Duration.ofMillis(5), c -> {
        try {
          c.sleep(Duration.ofHours(1));
        } finally {
          // The outer timeout has expired: the block waits all the same, bounded by its own.
          cleanup.set(c.nonCancellable(c2 -> c2.withTimeoutOr(Duration.ofMillis(20), "bounded",
              c3 -> "received " + never.receive())));
        }
        return null;
      })).isInstanceOf(TimeoutCancellationException.class);
      assertThat(cleanup.get()).isEqualTo("bounded");
      return null;
    });
  }

  @Test
  void required_cancellation6_withTimeoutOrReturnsItsValueOnlyForItsOwnDeadline()
      throws Exception {
    open().run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      assertThat(ctx.withTimeoutOr(Duration.ofMillis(20), -1, c -> never.receive()))
          .as("cut off by its deadline").isEqualTo(-1);
      assertThat(ctx.withTimeoutOr(Duration.ofHours(1), -1, c -> {
        c.sleep(Duration.ofMillis(1));
        return 8;
      })).as("done in time").isEqualTo(8);
      assertThatThrownBy(() -> ctx.withTimeoutOr(Duration.ofHours(1), -1,
          c -> c.withTimeout(Duration.ofMillis(20), c2 -> never.receive())))
          .as("an inner timeout that expires first is the body's failure")
          .isInstanceOfSatisfying(TimeoutCancellationException.class,
              e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(20)));
      assertThat(ctx.isCancelled()).as("no timeout left pending").isFalse();
      return null;
    });
  }

  @Test
  void required_cancellation7_aTaskCancelledByItsRunsEndSaysSoToWhoeverAwaitsIt()
      throws Exception {
    ExecutionModel model = open();
    AtomicReference<Task<Integer>> leftover = new AtomicReference<>();
    model.run(ctx -> {
      leftover.set(ctx.spawn("leftover", c -> {
        c.sleep(Duration.ofHours(1));
        return 1;
      }));
      return null;
    });
    String why = "task 'leftover' was cancelled when its run ended";
    assertThatThrownBy(() -> leftover.get().get()).as("get from outside")
        .isInstanceOf(CancellationException.class).hasMessageStartingWith(why);
    assertThatThrownBy(() -> model.run(ctx -> ctx.await(leftover.get())))
        .as("await in a later run")
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("its body gave up with")
        .cause().isInstanceOf(CancellationException.class).hasMessageStartingWith(why);
  }

  /**
   * Ctx's contract: an interrupt is the task's own business (a library it calls may use one), not
   * a request to cancel. Each suspension point (a sleep, a receive that has to wait, an await)
   * still does what it was asked, and the status is still set for the task's code afterwards.
   * Only the interrupted task sees it: the next task the model runs on the same carrier does not.
   */
  @Test
  void required_cancellation8_aThreadInterruptIsNotACancellation() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      Task<Integer> interrupted = ctx.spawn("interrupted", c -> {
        Thread.currentThread().interrupt();
        int v = ch.receive();
        assertThat(Thread.currentThread().isInterrupted())
            .as("the status survives a receive that waited").isTrue();
        c.sleep(Duration.ofMillis(5));
        assertThat(Thread.currentThread().isInterrupted())
            .as("the status survives a sleep").isTrue();
        assertThat(c.isCancelled()).as("an interrupt is not a cancellation").isFalse();
        Thread.interrupted();
        return v;
      });
      Probe.awaitParked(model, ctx, 1, "the interrupted task waiting to receive");
      Task<Boolean> bystander = ctx.spawn("bystander", c -> {
        c.sleep(Duration.ofMillis(1));
        return Thread.currentThread().isInterrupted();
      });
      assertThat(ctx.await(bystander)).as("another task's status is untouched").isFalse();
      ch.send(42);
      assertThat(ctx.await(interrupted)).as("the wait ended with its value").isEqualTo(42);
      return null;
    });
    model.close();
  }
}
