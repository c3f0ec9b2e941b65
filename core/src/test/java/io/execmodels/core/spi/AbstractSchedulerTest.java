package io.execmodels.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shutdown rules {@link AbstractScheduler} keeps for every scheduler built on it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AbstractSchedulerTest {

  /** A scheduler with no fibers of its own: {@link #stop} is what a test makes it. */
  private static final class Bare extends AbstractScheduler {
    private final Predicate<Bare> stop;

    Bare(Predicate<Bare> stop) {
      super("the bare scheduler", "bare-timer");
      this.stop = stop;
    }

    @Override
    public Traits traits() {
      return new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, 1);
    }

    @Override
    public Fiber spawn(Fiber parent, TaskBody body) {
      ensureOpen();
      throw new UnsupportedOperationException("the bare scheduler runs nothing");
    }

    @Override
    public Fiber current() {
      return null;
    }

    @Override
    public void park(Object blocker) {
      throw new UnsupportedOperationException("the bare scheduler has no fibers");
    }

    @Override
    public void unpark(Fiber fiber) {}

    @Override
    public void checkpoint() {}

    @Override
    protected boolean stop(GraceDeadline deadline) {
      return stop.test(this);
    }
  }

  @Test
  void spawnAndScheduleAreRefusedFromTheMomentShutdownIsCalled() {
    boolean[] refusedDuringStop = new boolean[2];
    Bare scheduler = new Bare(self -> {
      refusedDuringStop[0] = refuses(() -> self.spawn(null, TestBody.of("late", () -> { })));
      refusedDuringStop[1] = refuses(() -> self.schedule(0, () -> { }));
      return true;
    });
    assertThat(scheduler.shutdown(Duration.ofSeconds(5))).isTrue();
    assertThat(refusedDuringStop).containsExactly(true, true);
    assertThat(refuses(() -> scheduler.schedule(0, () -> { }))).isTrue();
  }

  private static boolean refuses(Runnable call) {
    try {
      call.run();
      return false;
    } catch (RejectedExecutionException e) {
      return true;
    }
  }

  @Test
  void aSecondShutdownFailsAsCoreNeverMakesOne() {
    Bare scheduler = new Bare(self -> true);
    scheduler.shutdown(Duration.ofSeconds(5));
    assertThatThrownBy(() -> scheduler.shutdown(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down twice");
  }

  @Test
  void aTimerArmedBeforeShutdownStillFiresWhileStopWaitsForTheFibers() {
    CountDownLatch fired = new CountDownLatch(1);
    Bare scheduler = new Bare(self -> {
      try {
        // As a fiber still finishing, asleep on a timer, would wait: the timers stop after this.
        return fired.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    scheduler.schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1), fired::countDown);
    assertThat(scheduler.shutdown(Duration.ofSeconds(25))).isTrue();
  }

  @Test
  void aShutdownAnswersFalseIfStopFoundAThreadAlive() {
    assertThat(new Bare(self -> false).shutdown(Duration.ZERO)).isFalse();
  }

  @Test
  void aGraceDeadlineNeverLeavesLessThanZeroNorOverflows() {
    assertThat(GraceDeadline.after(Duration.ZERO).nanosLeft()).isZero();
    assertThat(GraceDeadline.after(Duration.ofSeconds(-5)).left()).isEqualTo(Duration.ZERO);
    assertThat(GraceDeadline.after(Duration.ofDays(365L * 1000)).nanosLeft()).isPositive();
  }

  @Test
  void aGraceDeadlineJoinsAThreadThatEnds() throws Exception {
    Thread t = Thread.ofVirtual().start(() -> { });
    assertThat(GraceDeadline.after(Duration.ofSeconds(20)).join(t)).isTrue();
  }
}
