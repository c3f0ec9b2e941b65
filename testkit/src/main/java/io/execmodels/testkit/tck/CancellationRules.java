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
 * withTimeout} likewise, when its deadline passes.
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
}
