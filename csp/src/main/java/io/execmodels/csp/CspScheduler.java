package io.execmodels.csp;

import io.execmodels.core.Config;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.AbstractScheduler;
import io.execmodels.core.spi.Carriers;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.OneCarrier;
import io.execmodels.core.spi.TaskBody;
import io.execmodels.core.spi.VirtualThreadFibers;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The {@code csp} scheduler (Go's runtime scheduler, in its role): one virtual thread per task, park and unpark through {@link
 * LockSupport}, timers on one platform thread.
 *
 * <p>Virtual threads run on the JDK's carrier pool, whose size ({@code
 * -Djdk.virtualThreadScheduler.parallelism}, by default the processor count) bounds this model's
 * parallelism; a smaller {@code Config.parallelism} (Go's {@code GOMAXPROCS}) is enforced per
 * model by a {@link ProcessorLimit}. With option {@code csp.carrier=own} they run instead on one
 * carrier thread of the model's own ({@link OneCarrier}), with parallelism 1. Virtual threads are
 * not time-sliced: a task switches only where it parks, at a {@code checkpoint()} (a {@link
 * Thread#yield()}), or every {@link #SPAWN_BATCH} spawns, hence {@link
 * Traits.Preemption#CHECKPOINTS}.
 *
 * <p>Threads are started, parked, woken and counted by core's {@link VirtualThreadFibers}: {@link
 * #shutdown} waits, within its grace, for every task body to return on its thread, and answers
 * false if one has not. This class adds the
 * model's policy around a park: a short, adaptive spin or a few yields first, and giving up a
 * {@link ProcessorLimit} permit.
 */
final class CspScheduler extends AbstractScheduler {

  /**
   * The most times a park spins ({@link Thread#onSpinWait()}, about 40 ns each on this kind of
   * machine) before it parks: about 5 microseconds, as {@code SynchronousQueue} spins (128). A
   * hand-off answered by a task running on another carrier comes within a microsecond, and a
   * virtual thread's park and unpark cost more than that; an answer that takes longer is worth a
   * park. Core's {@link VirtualThreadFibers#awaitBeforePark} shrinks it after failures and
   * yields instead where the answer is queued on this carrier.
   */
  private static final int SPINS = 128;

  /**
   * The most times a park yields the carrier, right after the task woke another (queued on this
   * carrier, most likely), before it parks: the woken task runs during the first, and answers
   * without an unpark. A few more cover a counterpart that has other waits first. Against
   * parking at once, a ping-pong went from 1.07 to 1.25 times SynchronousQueue's round trip to
   * 0.89 to 1.02 times (medians of 41 rounds, load average 7 on 2 cores).
   */
  private static final int YIELDS = 8;

  /**
   * How many tasks a task starts before its spawn yields its carrier once ({@link #checkpoint}):
   * Go's {@code go} queues the new goroutine on the spawner's P, whose other goroutines run when
   * the spawner is descheduled; a virtual thread is never descheduled but where it waits, so a
   * task spawning in a loop runs ahead of the tasks it starts, and a million trivial ones pile up
   * in the carriers' queues. The heap then holds them all, and each young collection copies them
   * (spawn and join of 1M: 5.2 s of collection pauses in 8 rounds, 689 MB surviving one). A yield
   * every 256 spawns lets this carrier run what its spawner queued (its queue is FIFO), for one
   * yield (about a microsecond) per 256 spawns: the same rounds then took 38 ms of pauses.
   */
  private static final int SPAWN_BATCH = 256;

  /**
   * The most times a park spins on its carrier, looking for its wake-up, before it parks the
   * virtual thread: option {@code csp.parkSpins}; none with a {@link ProcessorLimit} or one
   * carrier.
   *
   * <p>Why not spin then yield on every wait, as this scheduler once did (50 spins, then 50
   * yields): a spin while the answer is queued behind the spinner on the same carrier only
   * delays it, and a virtual thread's yield with nothing else queued on its carrier goes through
   * the pool's shared queue and wakes the other carrier. On a loaded machine (load average 6 on 2
   * cores) that policy measured 5.1 us a ping-pong round trip (5.4 us without the yields) and 0.3
   * M msg/s for the unbuffered fan-in, against 2.0 us and 1.2 M msg/s spinning only when nothing
   * was just woken, and SynchronousQueue's 1.1 to 1.5 us, in the same runs.
   */
  private final int spins;
  /** {@link #YIELDS}; none with a {@link ProcessorLimit}, whose permit the yielder would hold. */
  private final int yields;

  /** Go's "all goroutines are asleep": on unless option {@code csp.deadlockDetection=false}. */
  private final boolean detectDeadlocks;
  /** Where select's random choices come from: seeded with option {@code csp.selectSeed}. */
  private final RandomGenerator random;
  private final Traits traits;
  /** GOMAXPROCS below the carrier count; {@code null} when the carriers are the limit. */
  private final ProcessorLimit limit;
  /**
   * The model's own carrier thread (option {@code csp.carrier=own}), or {@code null}: the JDK's
   * carrier pool, shared with every virtual thread of the JVM.
   */
  private final OneCarrier ownCarrier;
  private final VirtualThreadFibers fibers;

  CspScheduler(Config config) {
    super("the csp scheduler", "execmodels-csp-timer");
    boolean own = ownCarrierAsked(config);
    int carriers = own ? 1 : Integer.getInteger(
        "jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    int parallelism = config.parallelism().orElse(carriers);
    if (own && parallelism > 1) {
      throw new IllegalArgumentException("csp: parallelism " + parallelism + " asked, but"
          + " csp.carrier=own runs every task on one carrier thread");
    }
    if (parallelism > carriers) {
      throw new IllegalArgumentException("csp: parallelism " + parallelism + " asked, but virtual"
          + " threads here run on " + carriers + " carriers; start the JVM with"
          + " -Djdk.virtualThreadScheduler.parallelism=" + parallelism + " for more");
    }
    this.limit = parallelism < carriers ? new ProcessorLimit(parallelism) : null;
    this.traits = new Traits(parallelism, Traits.Preemption.CHECKPOINTS, Traits.Memory.SHARED,
        Integer.MAX_VALUE);
    int spinOption = config.option("csp.parkSpins").map(v -> {
      try {
        int n = Integer.parseInt(v);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below, with the value
      }
      throw new IllegalArgumentException(
          "csp.parkSpins must be a non-negative integer, was '" + v + "'");
    }).orElse(SPINS);
    // With a limit, a spinning task holds a permit that a runnable task may be waiting for; with
    // one carrier, the waker cannot run while the waiter spins.
    this.spins = limit != null || parallelism < 2 ? 0 : spinOption;
    this.yields = limit != null ? 0 : YIELDS;
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
    // Last, once every option is valid: nothing to close when one is not.
    this.ownCarrier = own ? new OneCarrier("execmodels-csp-carrier") : null;
    this.fibers = own
        ? new VirtualThreadFibers("the csp scheduler", Carriers.virtualThreadsOn(ownCarrier))
        : new VirtualThreadFibers("the csp scheduler");
  }

  /**
   * Option {@code csp.carrier}: {@code default} (the JDK's carriers), or {@code own}, one carrier
   * thread for this model's tasks alone, where a hand-off between two tasks is a continuation
   * switch on that thread rather than a park, a push to the JDK's pool and an unpark (Go's
   * {@code GOMAXPROCS=1}, with its {@code runnext}).
   */
  private static boolean ownCarrierAsked(Config config) {
    String carrier = config.option("csp.carrier").orElse("default");
    return switch (carrier) {
      case "default" -> false;
      case "own" -> {
        if (!Carriers.available()) {
          throw new IllegalArgumentException("csp.carrier=own needs carrier control, which this"
              + " JVM does not allow: add --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        yield true;
      }
      default -> throw new IllegalArgumentException(
          "csp.carrier must be default or own, was '" + carrier + "'");
    };
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
  public Fiber spawn(Fiber parent, TaskBody body) {
    Fiber fiber = limit == null ? fibers.start(body) : fibers.start(body, b -> {
      limit.acquire();
      try {
        b.run();
      } finally {
        limit.releaseIfHeld();
      }
    });
    if (fibers.startedBatch(SPAWN_BATCH)) {
      checkpoint();
    }
    return fiber;
  }

  @Override
  public Fiber current() {
    return fibers.current();
  }

  @Override
  public void park(Object blocker) {
    if (fibers.awaitBeforePark(spins, yields)) {
      return;
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
    fibers.parkUntil(blocker, deadlineNanos, timerThread());
    if (gave) {
      limit.acquire();
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    fibers.unpark(fiber);
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
  public void checkpoint() {
    if (limit != null) {
      limit.yieldIfWanted();
    }
    Thread.yield();
  }

  @Override
  protected boolean stop(GraceDeadline deadline) {
    boolean ended = fibers.close(deadline.nanosLeft());
    if (ownCarrier != null) {
      // Whatever came of the wait: a task that outlived the grace goes on on the common pool
      // once it parks (see OneCarrier).
      ownCarrier.close();
      ended &= deadline.join(ownCarrier.thread());
    }
    return ended;
  }
}
