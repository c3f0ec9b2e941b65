package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimersTest {

  private static final long MS = 1_000_000L;

  @Test
  void afterSendsTheClockOnceTheDurationHasPassed() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        long start = ctx.now();
        Channel<Long> fired = Timers.after(ctx, Duration.ofMillis(20));
        long at = fired.receive();
        assertThat(at).isGreaterThanOrEqualTo(start + 20 * MS).isLessThanOrEqualTo(ctx.now());
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("timer task ended").isTrue();
        assertThat(fired.tryReceive()).as("a second value").isNull();
        return null;
      });
    }
  }

  @Test
  void stoppingATimerBeforeItFiresReturnsTrueAndNothingIsSent() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Timer timer = Timers.newTimer(ctx, Duration.ofHours(1));
        assertThat(timer.stop()).isTrue();
        assertThat(timer.stop()).as("stopping again").isFalse();
        // Its task has ended, so it can send nothing more; had stop not cancelled it, it would
        // still be running.
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("timer task ended").isTrue();
        assertThat(timer.channel().tryReceive()).isNull();
        return null;
      });
    }
  }

  @Test
  void stoppingAFiredTimerReturnsFalseAndResetArmsItAgain() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Timer timer = Timers.newTimer(ctx, Duration.ofMillis(5));
        timer.channel().receive();
        assertThat(timer.stop()).isFalse();

        long start = ctx.now();
        assertThat(timer.reset(ctx, Duration.ofHours(1))).as("active before reset").isFalse();
        assertThat(timer.reset(ctx, Duration.ofMillis(20))).as("active before reset").isTrue();
        long at = timer.channel().receive();
        assertThat(at).isGreaterThanOrEqualTo(start + 20 * MS);
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("timer tasks ended").isTrue();
        assertThat(timer.channel().tryReceive()).as("a value from the first reset").isNull();
        return null;
      });
    }
  }

  @Test
  void aFiredTimerWhoseValueWasNotReceivedStopsTrueAsInGo123SoThePre123IdiomEnds()
      throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Timer timer = Timers.newTimer(ctx, Duration.ofMillis(1));
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("the timer has fired").isTrue();
        // if !t.Stop() { <-t.C }: Go 1.19 drains here, Go 1.23 reports true; neither waits.
        if (!timer.stop()) {
          timer.channel().receive();
        }
        assertThat(timer.channel().tryReceive()).as("a stale value").isNull();

        Timer again = Timers.newTimer(ctx, Duration.ofMillis(1));
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("the timer has fired").isTrue();
        assertThat(again.reset(ctx, Duration.ofHours(1))).as("unreceived counts as active")
            .isTrue();
        assertThat(again.channel().tryReceive()).as("a stale value").isNull();
        assertThat(again.stop()).isTrue();
        return null;
      });
    }
  }

  @Test
  void aTimersChannelHasLenAndCapZeroAsInGo123EvenWithItsValuePending() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Timer timer = Timers.newTimer(ctx, Duration.ofMillis(1));
        assertThat(Chans.cap(timer.channel())).isZero();
        assertThat(Chans.len(timer.channel())).isZero();
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("the timer has fired").isTrue();
        assertThat(Chans.len(timer.channel())).as("fired, not received").isZero();
        assertThat(Chans.len((io.execmodels.core.ReceiveChannel<Long>) timer.channel()))
            .isZero();
        assertThat(timer.channel().size()).as("underneath: the value waits in one slot")
            .isEqualTo(1);
        assertThat(timer.channel().receive()).isPositive();
        Channel<Long> plain = ctx.channel(1);
        plain.send(1L);
        assertThat(Chans.len(plain)).as("an ordinary channel").isEqualTo(1);
        assertThat(Chans.cap(plain)).isEqualTo(1);
        assertThat(Chans.cap(Timers.after(ctx, Duration.ofHours(1)))).isZero();
        Ticker ticker = Timers.newTicker(ctx, Duration.ofHours(1));
        assertThat(Chans.cap(ticker.channel())).isZero();
        ticker.stop();
        return null;
      });
    }
  }

  @Test
  void afterFuncRunsItsBodyOnceAndStopBeforeFiringPreventsIt() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Channel<String> ran = ctx.channel(1);
        Timer timer = Timers.afterFunc(ctx, Duration.ofMillis(5), c -> ran.send(c.taskName()));
        assertThat(timer.channel()).isNull();
        assertThat(ran.receive()).isEqualTo("afterFunc");
        assertThat(timer.stop()).isFalse();

        AtomicBoolean stoppedRan = new AtomicBoolean();
        Timer stopped = Timers.afterFunc(ctx, Duration.ofHours(1), c -> stoppedRan.set(true));
        assertThat(stopped.stop()).isTrue();
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("timer tasks ended").isTrue();
        assertThat(stoppedRan).isFalse();
        return null;
      });
    }
  }

  @Test
  void aTickerTicksOnScheduleAndSendsNothingOnceStopped() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        long period = 5 * MS;
        long start = ctx.now();
        Ticker ticker = Timers.newTicker(ctx, Duration.ofNanos(period));
        long previous = start;
        for (int i = 1; i <= 3; i++) {
          long tick = ticker.channel().receive();
          assertThat(tick).as("tick %d", i).isGreaterThanOrEqualTo(start + i * period)
              .isGreaterThan(previous);
          previous = tick;
        }
        ticker.stop();
        assertThat(ticker.channel().tryReceive()).as("a tick after stop").isNull();
        assertThat(Probes.awaitRunning(model, ctx, 1)).as("ticker task ended").isTrue();
        assertThat(ticker.channel().tryReceive()).as("a tick after stop").isNull();
        assertThat(ticker.channel().isClosed()).isFalse();
        return null;
      });
    }
  }

  @Test
  void aTickerDropsTicksForASlowReceiverInsteadOfQueueingThem() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        long start = ctx.now();
        Ticker ticker = Timers.newTicker(ctx, Duration.ofMillis(1));
        ctx.sleep(Duration.ofMillis(30)); // about 30 ticks are due meanwhile
        long waited = ctx.now();
        long stale = ticker.channel().receive();
        long fresh = ticker.channel().receive();
        ticker.stop();
        assertThat(stale).as("the one tick kept").isGreaterThan(start);
        assertThat(fresh).as("the next tick is new, not a queued old one").isGreaterThan(waited);
        return null;
      });
    }
  }

  @Test
  void aNonPositiveTickerPeriodIsRejected() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        assertThatThrownBy(() -> Timers.newTicker(ctx, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
        return null;
      });
    }
  }
}
