package io.execmodels.gilsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The GIL's rules, on threads that use a {@link Gil} directly. */
class GilTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static Thread start(Gil gil, String name, Runnable body) {
    Thread t = Thread.ofPlatform().name(name).start(() -> gil.runAsThread(body));
    return t;
  }

  @Test
  void neverTwoHoldersAtOnceUnderStress() {
    assertTimeoutPreemptively(LIMIT, () -> {
      Gil gil = Gil.create(Duration.ofNanos(50_000));
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      CountDownLatch gate = new CountDownLatch(4);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        threads.add(start(gil, "t" + i, () -> {
          try {
            gil.released(() -> { // so that all four contend from the start
              gate.countDown();
              gate.await();
              return null;
            });
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          for (int n = 0; n < 20_000; n++) {
            if (inside.incrementAndGet() != 1) {
              overlaps.incrementAndGet();
            }
            long until = System.nanoTime() + 1_000;
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            inside.decrementAndGet();
            gil.checkpoint();
            if (n % 1000 == 0) {
              try {
                gil.released(() -> null); // a voluntary release too
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            }
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(overlaps.get()).as("times two threads were inside at once").isZero();
      assertThat(gil.stats().switches()).as("the GIL changed hands").isGreaterThan(10);
    });
  }

  @Test
  void aWaiterAsksOnceAfterOneIntervalAndTheHolderDropsAtItsNextCheckpoint() {
    assertTimeoutPreemptively(LIMIT, () -> {
      Duration interval = Duration.ofMillis(5);
      Gil gil = Gil.create(interval);
      CountDownLatch holding = new CountDownLatch(1);
      AtomicBoolean waiterHadIt = new AtomicBoolean();
      AtomicLong waitedNanos = new AtomicLong();
      Thread holder = start(gil, "holder", () -> {
        holding.countDown();
        // Never lets go of its own accord: only a drop request can free the GIL.
        while (!waiterHadIt.get()) {
          gil.checkpoint();
        }
      });
      holding.await();
      long start = System.nanoTime();
      start(gil, "waiter", () -> {
        waitedNanos.set(System.nanoTime() - start);
        waiterHadIt.set(true);
      }).join();
      holder.join();
      GilStats s = gil.stats();
      assertThat(s.dropRequests()).as("drop requests").isEqualTo(1);
      assertThat(s.forcedSwitches()).as("forced switches").isEqualTo(1);
      assertThat(waitedNanos.get()).as("waited at least one interval")
          .isGreaterThanOrEqualTo(interval.toNanos());
      assertThat(s.waited()).isGreaterThanOrEqualTo(interval);
    });
  }

  @Test
  void aHolderThatDropsOnRequestCannotTakeTheGilBackBeforeTheWaiterHasHadIt() {
    assertTimeoutPreemptively(LIMIT, () -> {
      Gil gil = Gil.create(Duration.ofMillis(1));
      CountDownLatch holding = new CountDownLatch(1);
      AtomicBoolean waiterHadIt = new AtomicBoolean();
      AtomicBoolean tookItBackFirst = new AtomicBoolean();
      Thread holder = start(gil, "holder", () -> {
        holding.countDown();
        while (!waiterHadIt.get()) {
          long forcedBefore = gil.stats().forcedSwitches();
          gil.checkpoint();
          if (gil.stats().forcedSwitches() > forcedBefore && !waiterHadIt.get()) {
            tookItBackFirst.set(true);
            return;
          }
        }
      });
      holding.await();
      start(gil, "waiter", () -> waiterHadIt.set(true)).join();
      holder.join();
      assertThat(tookItBackFirst).as("the dropper re-took the GIL first").isFalse();
    });
  }

  @Test
  void aVoluntaryReleaseLetsOthersRunWhileTheCallBlocks() {
    assertTimeoutPreemptively(LIMIT, () -> {
      Gil gil = Gil.create();
      CountDownLatch bothInside = new CountDownLatch(2);
      Runnable body = () -> {
        try {
          gil.released(() -> {
            bothInside.countDown();
            bothInside.await(); // only possible if the other got the GIL meanwhile
            return null;
          });
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        assertThat(gil.isHeldByCurrentThread()).as("taken back after the call").isTrue();
      };
      Thread a = start(gil, "a", body);
      Thread b = start(gil, "b", body);
      a.join();
      b.join();
      assertThat(gil.stats().dropRequests()).as("no request was needed").isZero();
    });
  }

  @Test
  void aThreadThatGivesTheGilUpAndTakesItBackIsNoSwitch() throws Exception {
    Gil gil = Gil.create();
    gil.runAsThread(() -> {
      for (int i = 0; i < 10; i++) {
        try {
          gil.released(() -> null);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    });
    // A waiter's interval restarts only on a switch: these re-takes would not restart it.
    assertThat(gil.stats().takes()).isEqualTo(11);
    assertThat(gil.stats().switches()).isEqualTo(1);
  }

  @Test
  void aReleaseAroundABlockingCallWithARequestPendingWaitsForTheWaiterToTakeTheGil() {
    assertTimeoutPreemptively(LIMIT, () -> {
      Gil gil = Gil.create(Duration.ofMillis(1));
      CountDownLatch holding = new CountDownLatch(1);
      AtomicLong switchesSeenInTheCall = new AtomicLong();
      AtomicLong forcedSeenInTheCall = new AtomicLong();
      AtomicLong switchesBefore = new AtomicLong();
      Thread holder = start(gil, "holder", () -> {
        holding.countDown();
        while (gil.stats().dropRequests() == 0) {
          Thread.onSpinWait(); // no checkpoint: the request is seen only at the release below
        }
        switchesBefore.set(gil.stats().switches());
        try {
          gil.released(() -> {
            switchesSeenInTheCall.set(gil.stats().switches());
            forcedSeenInTheCall.set(gil.stats().forcedSwitches());
            return null;
          });
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      holding.await();
      start(gil, "waiter", () -> { }).join();
      holder.join();
      assertThat(switchesSeenInTheCall.get()).as("the waiter had taken the GIL before the call")
          .isGreaterThan(switchesBefore.get());
      // Read inside the call: a second forced switch may follow when the holder takes the GIL
      // back from a waiter slow to exit (a timing matter), but none can come before this one.
      assertThat(forcedSeenInTheCall.get()).as("forced switches when the call ran").isEqualTo(1);
    });
  }

  @Test
  void withoutAGilCodeThatNeverReachesACheckpointStillRunsInParallel() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Runtime.getRuntime().availableProcessors() >= 2, "needs two processors");
    assertTimeoutPreemptively(LIMIT, () -> {
      Gil gil = Gil.freeThreaded();
      AtomicInteger arrived = new AtomicInteger();
      Runnable body = () -> {
        arrived.incrementAndGet();
        while (arrived.get() < 2) {
          Thread.onSpinWait(); // no checkpoint: under a GIL the other could never arrive
        }
      };
      Thread a = start(gil, "a", body);
      Thread b = start(gil, "b", body);
      a.join();
      b.join();
      assertThat(gil.stats().takes()).isZero();
    });
  }

  @Test
  void theSwitchIntervalMustBeStrictlyPositiveAndIsAtLeastAMicrosecond() {
    assertThatThrownBy(() -> Gil.create(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("switch interval must be strictly positive");
    Gil gil = Gil.create();
    assertThatThrownBy(() -> gil.setSwitchInterval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("switch interval must be strictly positive");
    assertThat(gil.switchInterval()).isEqualTo(Duration.ofMillis(5));
    gil.setSwitchInterval(Duration.ofNanos(10));
    assertThat(gil.switchInterval()).isEqualTo(Duration.ofNanos(1000));
  }

  @Test
  void releasingAGilTheThreadDoesNotHoldIsRefusedByName() {
    Gil gil = Gil.create();
    assertThatThrownBy(gil::release)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not hold the GIL");
    gil.runAsThread(() -> assertThatThrownBy(gil::acquire)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already holds the GIL"));
    gil.runAsThread(() -> assertThatThrownBy(() -> gil.runAsThread(() -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already runs under a GIL"));
  }
}
