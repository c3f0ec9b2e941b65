package io.execmodels.csp;

import io.execmodels.core.Config;
import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TimerThread;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
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
 * <p>Threads are started and counted by {@link LiveThreads}: {@link #shutdown} returns only once
 * every task body has returned on its thread.
 */
final class VirtualThreadScheduler implements Scheduler {

  /**
   * A task's virtual thread. {@code thread} is published by the thread itself when it starts.
   *
   * <p>{@code state} is the fiber's own wake-up handshake, so that a park can look for its
   * wake-up a few times before it parks the virtual thread (see {@code yields}), and an unpark
   * touches the thread only when it is parked.
   *
   * <ul>
   *   <li>{@code RUNNING}: no wake-up pending. Only the fiber moves it to {@code PARKED}, by a CAS
   *       just before {@link LockSupport#park}.
   *   <li>{@code PARKED}: the thread is in, or about to enter, {@code LockSupport.park}. An unpark
   *       that swaps this for {@code WOKEN} owes it a {@link LockSupport#unpark}.
   *   <li>{@code WOKEN}: a wake-up is pending; the fiber's next park consumes it and returns.
   * </ul>
   *
   * <p>An unpark is one atomic swap to {@code WOKEN}; it unparks the thread only if the swap found
   * {@code PARKED}, so a running or spinning fiber is not disturbed and no stray permit is left to
   * cut its next park short.
   */
  private static final class VirtualFiber implements Fiber, Runnable {
    private final VirtualThreadScheduler scheduler;
    private final Runnable body;
    private final String name;
    static final int RUNNING = 0;
    static final int PARKED = 1;
    static final int WOKEN = 2;
    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(VirtualFiber.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    volatile Thread thread;
    /** Whether this fiber holds one of the limit's permits; touched only by the fiber. */
    boolean holdsPermit;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    VirtualFiber(VirtualThreadScheduler scheduler, Runnable body, String name) {
      this.scheduler = scheduler;
      this.body = body;
      this.name = name;
    }

    @Override
    public Runnable body() {
      return body;
    }

    @Override
    public void run() {
      Thread self = Thread.currentThread();
      if (name != null) {
        self.setName(name);
      }
      thread = self;
      CURRENT.set(this);
      ProcessorLimit limit = scheduler.limit;
      if (limit == null) {
        body.run();
        return;
      }
      limit.acquire();
      holdsPermit = true;
      try {
        body.run();
      } finally {
        if (holdsPermit) {
          holdsPermit = false;
          limit.release();
        }
      }
    }

    /** Consumes a pending wake-up; whether there was one. Called by the fiber. */
    boolean takeWakeUp() {
      return state == WOKEN && STATE.compareAndSet(this, WOKEN, RUNNING);
    }

    /** Announces a park; false if a wake-up came first (then consumed). Called by the fiber. */
    boolean announcePark() {
      if (STATE.compareAndSet(this, RUNNING, PARKED)) {
        return true;
      }
      state = RUNNING;
      return false;
    }

    /** Ends a park, however it ended: a wake-up, a timeout, or spuriously. Called by the fiber. */
    void parkEnded() {
      state = RUNNING;
    }

    /** Posts a wake-up; whether the thread was parked, so the caller must unpark it. */
    boolean wakeUp() {
      return (int) STATE.getAndSet(this, WOKEN) == PARKED;
    }
  }

  private static final ThreadLocal<VirtualFiber> CURRENT = new ThreadLocal<>();

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
  private final LiveThreads threads = new LiveThreads();
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
    VirtualFiber fiber = new VirtualFiber(this, body, name);
    threads.start(fiber);
    return fiber;
  }

  @Override
  public Fiber current() {
    VirtualFiber fiber = CURRENT.get();
    return fiber != null && fiber.scheduler == this ? fiber : null;
  }

  @Override
  public void park(Object blocker) {
    VirtualFiber self = CURRENT.get();
    for (int i = 0; i < spins; i++) {
      if (self.takeWakeUp()) {
        return;
      }
      Thread.onSpinWait();
    }
    for (int i = 0; i < yields; i++) {
      if (self.takeWakeUp()) {
        return;
      }
      Thread.yield();
    }
    if (self.announcePark()) {
      boolean gave = giveUpPermit(self);
      LockSupport.park(blocker);
      self.parkEnded();
      takeBackPermit(self, gave);
    }
  }

  /** A virtual thread's own timed park: no timer of ours, no thread hop to fire it. */
  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    VirtualFiber self = CURRENT.get();
    if (self.announcePark()) {
      boolean gave = giveUpPermit(self);
      LockSupport.parkNanos(blocker, deadlineNanos - System.nanoTime());
      self.parkEnded();
      takeBackPermit(self, gave);
    }
  }

  private boolean giveUpPermit(VirtualFiber self) {
    if (limit == null || self == null || !self.holdsPermit) {
      return false;
    }
    self.holdsPermit = false;
    limit.release();
    return true;
  }

  private void takeBackPermit(VirtualFiber self, boolean gave) {
    if (gave) {
      limit.acquire();
      self.holdsPermit = true;
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    VirtualFiber f = (VirtualFiber) fiber;
    if (f.wakeUp()) {
      // PARKED is set by the thread itself, after it published itself in thread.
      LockSupport.unpark(f.thread);
    }
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
    if (limit == null) {
      return call.call();
    }
    // Go hands a goroutine's P to another while it is in a system call.
    VirtualFiber self = CURRENT.get();
    boolean gave = giveUpPermit(self);
    try {
      return call.call();
    } finally {
      takeBackPermit(self, gave);
    }
  }

  @Override
  public <T> T compute(Job<T> job) throws Exception {
    return job.compute();
  }

  @Override
  public void checkpoint() {
    VirtualFiber self = CURRENT.get();
    if (limit != null && self != null && self.holdsPermit) {
      limit.yieldIfWanted();
    }
    Thread.yield();
  }

  @Override
  public boolean shutdown(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    boolean timersDone = timers.shutdown(grace);
    return threads.close(deadline - System.nanoTime()) && timersDone;
  }
}
