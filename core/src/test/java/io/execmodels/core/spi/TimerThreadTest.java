package io.execmodels.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TimerThreadTest {
  private final TimerThread timers = new TimerThread("timer-thread-test");

  @AfterEach
  void shutDown() {
    assertThat(timers.shutdown(Duration.ofSeconds(10))).isTrue();
  }

  /** Holds the timer thread inside an action until released: timers armed meanwhile queue up. */
  private CountDownLatch blockTimerThread() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    timers.schedule(System.nanoTime(), () -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  @Test
  void runsTimersDueTogetherInDeadlineOrderWhateverTheOrderTheyWereArmedIn() throws Exception {
    CountDownLatch release = blockTimerThread();
    long base = System.nanoTime();
    List<Integer> ran = new ArrayList<>(); // only the timer thread touches it
    CountDownLatch all = new CountDownLatch(5);
    for (int i : new int[] {3, 1, 4, 0, 2}) {
      timers.schedule(base + i, () -> {
        ran.add(i);
        all.countDown();
      });
    }
    release.countDown();
    assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void runsTimersWithEqualDeadlinesInTheOrderTheyWereScheduled() throws Exception {
    CountDownLatch release = blockTimerThread();
    long deadline = System.nanoTime();
    List<Integer> ran = new ArrayList<>(); // only the timer thread touches it
    CountDownLatch all = new CountDownLatch(100);
    for (int i = 0; i < 100; i++) {
      int n = i;
      timers.schedule(deadline, () -> {
        ran.add(n);
        all.countDown();
      });
    }
    release.countDown();
    assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).isSorted().hasSize(100);
  }

  @Test
  void aCancelledTimerNeverRunsAndOnlyTheFirstCancelCounts() throws Exception {
    CountDownLatch release = blockTimerThread();
    long now = System.nanoTime();
    AtomicBoolean cancelledRan = new AtomicBoolean();
    Cancellable cancelled = timers.schedule(now, () -> cancelledRan.set(true));
    CountDownLatch after = new CountDownLatch(1);
    timers.schedule(now + 1, after::countDown);
    assertThat(cancelled.cancel()).isTrue();
    assertThat(cancelled.cancel()).isFalse();
    release.countDown();
    assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cancelledRan).isFalse();
  }

  @Test
  void cancellingATimerThatHasRunPreventsNothing() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Cancellable timer = timers.schedule(System.nanoTime(), ran::countDown);
    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(timer.cancel()).isFalse();
  }

  @Test
  void anEarlierTimerArmedWhileTheThreadWaitsForALaterOneRunsFirst() throws Exception {
    AtomicBoolean lateRan = new AtomicBoolean();
    Cancellable late =
        timers.schedule(System.nanoTime() + TimeUnit.HOURS.toNanos(1), () -> lateRan.set(true));
    CountDownLatch early = new CountDownLatch(1);
    timers.schedule(System.nanoTime(), early::countDown);
    assertThat(early.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(lateRan).isFalse();
    assertThat(late.cancel()).isTrue();
  }

  @Test
  void aTimerRunsNoEarlierThanItsDeadline() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long[] ranAt = new long[1];
    CountDownLatch ran = new CountDownLatch(1);
    timers.schedule(deadline, () -> {
      ranAt[0] = System.nanoTime();
      ran.countDown();
    });
    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ranAt[0] - deadline).isNotNegative();
  }

  @Test
  void anActionThatThrowsDoesNotStopTheOthers() throws Exception {
    CountDownLatch release = blockTimerThread();
    long now = System.nanoTime();
    timers.schedule(now, () -> {
      throw new IllegalStateException("thrown on purpose by the test");
    });
    CountDownLatch after = new CountDownLatch(1);
    timers.schedule(now + 1, after::countDown);
    release.countDown();
    assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void refusesTimersOnceShutDownAndDropsThePendingOnes() {
    AtomicBoolean ran = new AtomicBoolean();
    Cancellable pending =
        timers.schedule(System.nanoTime() + TimeUnit.HOURS.toNanos(1), () -> ran.set(true));
    assertThat(timers.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThatThrownBy(() -> timers.schedule(System.nanoTime(), () -> { }))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("timer-thread-test");
    assertThat(ran).isFalse();
    pending.cancel();
  }

  @Test
  void aShutDownBeforeAnyTimerHasNoThreadToWaitFor() {
    TimerThread unused = new TimerThread("never-started");
    assertThat(unused.shutdown(Duration.ZERO)).isTrue();
  }
}
