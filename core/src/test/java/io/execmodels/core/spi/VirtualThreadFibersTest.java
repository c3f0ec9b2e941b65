package io.execmodels.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualThreadFibersTest {

  private final VirtualThreadFibers fibers = new VirtualThreadFibers("the test");

  @AfterEach
  void close() {
    assertThat(fibers.close(TimeUnit.SECONDS.toNanos(10))).isTrue();
  }

  /** Runs {@code body} on a fiber and returns what it returned. */
  private <T> T onFiber(Supplier<T> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    fibers.start(TestBody.of("test", () -> {
      try {
        result.complete(body.get());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }));
    return result.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aWaitBeforeParkConsumesAWakeUpThatCameBeforeIt() throws Exception {
    boolean[] seen = onFiber(() -> {
      fibers.unpark(fibers.current());
      boolean first = fibers.awaitBeforePark(4, 4);
      boolean second = fibers.awaitBeforePark(4, 4);
      return new boolean[] {first, second};
    });
    assertThat(seen).containsExactly(true, false);
  }

  @Test
  void aSpinWithNoWakeUpEndsAndAParkAfterItWaitsForTheUnpark() throws Exception {
    AtomicReference<Thread> parked = new AtomicReference<>();
    CompletableFuture<Boolean> spun = new CompletableFuture<>();
    CompletableFuture<Void> woke = new CompletableFuture<>();
    Fiber fiber = fibers.start(TestBody.of("waiter", () -> {
      spun.complete(fibers.awaitBeforePark(1000, 0));
      parked.set(Thread.currentThread());
      fibers.park(this);
      woke.complete(null);
    }));
    assertThat(spun.get(20, TimeUnit.SECONDS)).isFalse();
    awaitParked(parked);
    fibers.unpark(fiber);
    woke.get(20, TimeUnit.SECONDS);
  }

  /**
   * The woken fiber is queued on the waker's carrier: a spin there would only delay it, bar a
   * probe, which backs off once it fails. Were the second spin not skipped, it would run for
   * minutes and the test would time out; no yields are asked for.
   */
  @Test
  void afterAFailedProbeAFiberThatWokeAParkedOneDoesNotSpin() throws Exception {
    List<AtomicReference<Thread>> parked = List.of(new AtomicReference<>(), new AtomicReference<>());
    List<Fiber> sleepers = new ArrayList<>();
    for (AtomicReference<Thread> p : parked) {
      sleepers.add(fibers.start(TestBody.of("sleeper", () -> {
        p.set(Thread.currentThread());
        fibers.park(this);
      })));
    }
    boolean[] spun = onFiber(() -> {
      awaitParked(parked.get(0));
      fibers.unpark(sleepers.get(0));
      boolean probe = fibers.awaitBeforePark(1000, 0);
      awaitParked(parked.get(1));
      fibers.unpark(sleepers.get(1));
      return new boolean[] {probe, fibers.awaitBeforePark(Integer.MAX_VALUE, 0)};
    });
    assertThat(spun).containsExactly(false, false);
  }

  @Test
  void anInterruptedFiberStillParksUntilUnparkedAndKeepsItsInterrupt() throws Exception {
    AtomicReference<Thread> parked = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<int[]> outcome = new CompletableFuture<>();
    Fiber fiber = fibers.start(TestBody.of("interrupted", () -> {
      Thread.currentThread().interrupt(); // a virtual thread's interrupt also leaves a permit
      parked.set(Thread.currentThread());
      int parks = 0;
      while (!released.get()) { // as core waits: a park may return spuriously, never for ever
        fibers.park(this);
        parks++;
      }
      outcome.complete(new int[] {parks, Thread.interrupted() ? 1 : 0});
    }));
    awaitParked(parked);
    released.set(true);
    fibers.unpark(fiber);
    int[] seen = outcome.get(20, TimeUnit.SECONDS);
    assertThat(seen[0]).as("parks: the permit's spurious return, then the real one").isLessThan(3);
    assertThat(seen[1]).as("interrupt kept").isEqualTo(1);
  }

  /** Waits until the thread published in {@code ref} is parked (its park is announced first). */
  private static void awaitParked(AtomicReference<Thread> ref) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ref.get() == null || ref.get().getState() != Thread.State.WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the fiber never parked: " + ref.get());
      }
      Thread.onSpinWait();
    }
  }
}
