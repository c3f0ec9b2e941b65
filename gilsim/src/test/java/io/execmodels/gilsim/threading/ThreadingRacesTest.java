package io.execmodels.gilsim.threading;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.gilsim.Gil;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Races of the primitives that a line-by-line comparison with CPython does not reach. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadingRacesTest {

  /** A platform thread running {@code body} under {@code gil}. */
  private static Thread start(Gil gil, Runnable body) {
    return Thread.ofPlatform().start(() -> gil.runAsThread(body));
  }

  private static void awaitWaiting(Thread t) {
    while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }
  }

  @Test
  void aThreadArrivingWhileTheActionRunsBelongsToTheNextPassage() throws Exception {
    Gil gil = Gil.create();
    CountDownLatch inAction = new CountDownLatch(1);
    CountDownLatch endAction = new CountDownLatch(1);
    Barrier barrier = new Barrier(2, () -> {
      inAction.countDown();
      try {
        Gil.blockOn(() -> { // the action gives the GIL up, as a time.sleep in it would
          endAction.await();
          return null;
        });
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, null);
    Map<String, Integer> index = new ConcurrentHashMap<>();
    Runnable party = () -> {
      try {
        index.put(Thread.currentThread().getName(), barrier.await());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    Thread first = start(gil, party);
    Thread second = start(gil, party);
    inAction.await();
    Thread third = start(gil, party); // arrives while the action runs
    awaitWaiting(third);
    endAction.countDown();
    first.join();
    second.join();
    Thread fourth = start(gil, party); // the third's partner in the next passage
    third.join();
    fourth.join();
    assertThat(index.get(third.getName()) + index.get(fourth.getName()))
        .as("the next passage's indices, 0 and 1").isEqualTo(1);
    assertThat(index.get(first.getName()) + index.get(second.getName())).isEqualTo(1);
  }

  @Test
  void aNotifiedWaiterThatIsInterruptedKeepsTheNotifyAndItsInterrupt() throws Exception {
    Gil gil = Gil.create();
    Condition cond = new Condition();
    CountDownLatch waiting = new CountDownLatch(1);
    Map<String, Object> seen = new ConcurrentHashMap<>();
    Thread waiter = start(gil, () -> {
      try {
        cond.acquire();
        waiting.countDown();
        boolean notified = cond.await(java.time.Duration.ofSeconds(30));
        seen.put("notified", notified);
        seen.put("interrupt kept", Thread.currentThread().isInterrupted());
        seen.put("holds the lock", cond.waitFor(() -> true, java.time.Duration.ZERO));
        cond.release();
      } catch (InterruptedException e) {
        seen.put("notified", "interrupted: the notify was lost");
      }
    });
    gil.runAsThread(() -> {
      try {
        Gil.blockOn(() -> {
          waiting.await();
          return null;
        });
        cond.acquire(); // the waiter gave the lock up only in await(): it waits now
        waiter.interrupt();
        cond.notifyOne();
        cond.release();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    waiter.join();
    assertThat(seen).containsEntry("notified", true).containsEntry("interrupt kept", true)
        .containsEntry("holds the lock", true);
  }
}
