package io.execmodels.csp;

import io.execmodels.core.Config;
import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TimerThread;
import io.execmodels.core.spi.VirtualThreadFibers;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The {@code csp} scheduler: one virtual thread per task, park and unpark through {@link
 * LockSupport}, timers on one platform thread.
 *
 * <p>Virtual threads run on the JDK's carrier pool, whose size ({@code
 * -Djdk.virtualThreadScheduler.parallelism}, by default the processor count) bounds this model's
 * parallelism; a smaller {@code Config.parallelism} (Go's {@code GOMAXPROCS}) is enforced per
 * model by a {@link ProcessorLimit}. Virtual threads are not time-sliced: a task switches only
 * where it parks or at a {@code checkpoint()} (a {@link Thread#yield()}), hence {@link
 * Traits.Preemption#CHECKPOINTS}.
 *
 * <p>Threads are started, parked, woken and counted by core's {@link VirtualThreadFibers}: {@link
 * #shutdown} returns only once every task body has returned on its thread. This class adds the
 * model's policy around a park: a short spin, yields, and giving up a {@link ProcessorLimit}
 * permit.
 */
final class VirtualThreadScheduler implements Scheduler {

  /**
   * How many times a park spins on the carrier before it starts yielding: about a microsecond,
   * enough for an answer from a task already running on another carrier, too little to matter
   * when there is none. Only with more than one processor.
   */
  private static final int SPINS = 50;

  /**
   * How many times a park yields the carrier, looking for its wake-up in between, before it parks
   * the thread. Option {@code csp.parkYields}.
   *
   * <p>Why yield rather than spin: the answer to a hand-off often comes within a microsecond, and
   * a park/unpark of a virtual thread (unmount, resubmit to the carrier pool, mount) costs more
   * than that, so a waiting task should look again before it parks. But spinning on the carrier
   * wastes it exactly when the answer must come from a task queued on that same carrier (the
   * usual case after a wake-up, which queues the woken task where its waker runs) or when the
   * operating system has more runnable threads than cores: then a spinning ping-pong costs tens
   * of microseconds a round trip. A yield lets whatever is queued run first, like Go's runnext,
   * and comes straight back when nothing is. Not with a {@link ProcessorLimit}: yielding while
   * holding a permit helps nobody who waits for one. A short spin comes first ({@link #SPINS}).
   */
  private final int yields;
  private final int spins;
  /** Go's "all goroutines are asleep": on unless option {@code csp.deadlockDetection=false}. */
  private final boolean detectDeadlocks;
  /** Where select's random choices come from: seeded with option {@code csp.selectSeed}. */
  private final RandomGenerator random;
  private final Traits traits;
  /** GOMAXPROCS below the carrier count; {@code null} when the carriers are the limit. */
  private final ProcessorLimit limit;
  private final VirtualThreadFibers fibers = new VirtualThreadFibers("the csp scheduler");
  private final TimerThread timers = new TimerThread("execmodels-csp-timer");

  VirtualThreadScheduler(Config config) {
    int carriers = Integer.getInteger(
        "jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    int parallelism = config.parallelism().orElse(carriers);
    if (parallelism > carriers) {
      throw new IllegalArgumentException("csp: parallelism " + parallelism + " asked, but virtual"
          + " threads here run on " + carriers + " carriers; start the JVM with"
          + " -Djdk.virtualThreadScheduler.parallelism=" + parallelism + " for more");
    }
    this.limit = parallelism < carriers ? new ProcessorLimit(parallelism) : null;
    this.traits = new Traits(parallelism, Traits.Preemption.CHECKPOINTS, Traits.Memory.SHARED,
        Integer.MAX_VALUE);
    int yieldOption = config.option("csp.parkYields").map(v -> {
      try {
        int n = Integer.parseInt(v);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below, with the value
      }
      throw new IllegalArgumentException(
          "csp.parkYields must be a non-negative integer, was '" + v + "'");
    }).orElse(50);
    this.yields = limit != null ? 0 : yieldOption;
    this.spins = limit != null || parallelism < 2 ? 0 : SPINS;
    this.random = config.option("csp.selectSeed").map(v -> {
      try {
        return (RandomGenerator) new Random(Long.parseLong(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("csp.selectSeed must be an integer, was '" + v + "'", e);
      }
    }).orElse(null);
    this.detectDeadlocks = config.option("csp.deadlockDetection").map(v -> switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          "csp.deadlockDetection must be true or false, was '" + v + "'");
    }).orElse(true);
  }

  @Override
  public Traits traits() {
    return traits;
  }

  /**
   * The calling thread's {@link ThreadLocalRandom}, or, with option {@code csp.selectSeed}, one
   * shared generator seeded with it ({@link Random} is thread-safe): a run whose selects happen in
   * one task then makes the same choices every time.
   */
  @Override
  public RandomGenerator random() {
    return random != null ? random : ThreadLocalRandom.current();
  }

  @Override
  public boolean detectsDeadlocks() {
    return detectDeadlocks;
  }

  @Override
  public Fiber spawn(Fiber parent, String name, Runnable body) {
    if (limit == null) {
      return fibers.start(name, body);
    }
    return fibers.start(name, body, b -> {
      limit.acquire();
      try {
        b.run();
      } finally {
        limit.releaseIfHeld();
      }
    });
  }

  @Override
  public Fiber current() {
    return fibers.current();
  }

  @Override
  public void park(Object blocker) {
    for (int i = 0; i < spins; i++) {
      if (fibers.pollWakeUp()) {
        return;
      }
      Thread.onSpinWait();
    }
    for (int i = 0; i < yields; i++) {
      if (fibers.pollWakeUp()) {
        return;
      }
      Thread.yield();
    }
    boolean gave = limit != null && limit.releaseIfHeld();
    fibers.park(blocker);
    if (gave) {
      limit.acquire();
    }
  }

  /** A timed park straight away, without the spins and yields of {@link #park}: a sleep. */
  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    boolean gave = limit != null && limit.releaseIfHeld();
    fibers.parkUntil(blocker, deadlineNanos, timers);
    if (gave) {
      limit.acquire();
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    fibers.unpark(fiber);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    return timers.schedule(deadlineNanos, action);
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    // Go hands a goroutine's P to another while it is in a system call.
    boolean gave = limit != null && limit.releaseIfHeld();
    try {
      return call.call();
    } finally {
      if (gave) {
        limit.acquire();
      }
    }
  }

  @Override
  public <T> T compute(Job<T> job) throws Exception {
    return job.compute();
  }

  @Override
  public void checkpoint() {
    if (limit != null) {
      limit.yieldIfWanted();
    }
    Thread.yield();
  }

  @Override
  public boolean shutdown(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    boolean timersDone = timers.shutdown(grace);
    return fibers.close(deadline - System.nanoTime()) && timersDone;
  }
}
