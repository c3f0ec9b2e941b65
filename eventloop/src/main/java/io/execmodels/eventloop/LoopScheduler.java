package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code eventloop} model's scheduler: one {@link EventLoop} on its own virtual thread, and
 * tasks that borrow its turn.
 *
 * <p><b>The turn.</b> Each task is a virtual thread, but only one of {the loop thread, the tasks}
 * runs at a time: the holder of the turn ({@code turn}). A task's stretch between two suspension
 * points is one loop callback: a start or a resume, run from a macrotask (a timer, a submission
 * from another thread) or from the microtask checkpoint. It blocks the loop while it runs, the
 * checkpoint follows it, and the blocked-loop detector sees it.
 *
 * <p><b>Parking</b> ends the stretch, and the parking task goes on with the microtask checkpoint
 * itself, as the loop thread would: it runs plain microtasks in place; when it reaches a resume
 * of its own it simply returns (an {@code await} settled by a microtask costs no thread switch);
 * when it reaches another task's resume it hands the turn straight to that task; when the
 * checkpoint is over it hands the turn back to the loop thread. <b>Unparking</b> queues a resume:
 * a microtask when the waker holds the turn (an {@code await} continuation in Node), a submitted
 * task from any other thread (a worker's result, a foreign cancel).
 *
 * <p><b>A hand-off</b> is a volatile write of {@code turn} and, if the receiver sleeps, a {@link
 * LockSupport#unpark}. A task that handed the turn to one awake (spinning) spins {@link
 * LoopOptions#turnSpins} times itself before it sleeps, since the turn usually comes back within
 * a microsecond; one that had to wake or start the receiver parks at once, because the
 * receiver's virtual thread now waits for a carrier, likely its own.
 *
 * <p><b>The loop thread is virtual too</b>, so every hand-off is between virtual threads: a
 * carrier switches continuations, with no operating-system wake-up on the way. While the loop
 * waits in its selector it pins its carrier; the JDK lends a spare carrier to other virtual
 * threads meanwhile. So a suspension resumed by another task
 * costs one thread switch (see the README for the figures).
 *
 * <p>{@code blocking} runs the call on the loop's worker pool while the task parks; {@code
 * compute} runs in place, holding the loop, as CPU work in a Node callback does; {@code
 * checkpoint} does nothing. Timers are the loop's own, in its timers phase.
 */
final class LoopScheduler implements Scheduler {
  private static final System.Logger LOG = System.getLogger("io.execmodels");
  private static final ThreadLocal<LoopFiber> CURRENT = new ThreadLocal<>();
  private static final int RUNNING = 0;
  private static final int PARKED = 1;
  private static final int NOTIFIED = 2;
  private static final int DONE = 3;

  /** A task: a virtual thread that runs only while it holds the loop's turn. */
  private final class LoopFiber implements Fiber {
    final LoopScheduler scheduler = LoopScheduler.this;
    final Runnable body;
    final String name;
    final AtomicInteger state = new AtomicInteger(RUNNING);
    /** The task's thread sleeps waiting for the turn: the giver must unpark it. */
    volatile boolean sleeping;
    Thread thread;
    final Resume resume = new Resume(this);

    LoopFiber(Runnable body, String name) {
      this.body = body;
      this.name = name;
    }

    @Override
    public Runnable body() {
      return body;
    }
  }

  /** The job that starts or resumes a task: run by the loop thread, or recognised by a task. */
  private final class Resume implements Runnable {
    final LoopFiber fiber;

    Resume(LoopFiber fiber) {
      this.fiber = fiber;
    }

    @Override
    public void run() {
      lendFromLoop(fiber);
    }
  }

  /** {@code turn}'s value while the loop thread holds it. */
  private static final Object LOOP = new Object();

  private final EventLoop loop;
  private final KeepAlive keepAlive;
  private final Thread loopThread;
  private final int spins;
  private final Set<Thread> fiberThreads = ConcurrentHashMap.newKeySet();
  private final AtomicLong names = new AtomicLong();
  /** Who holds the turn: {@link #LOOP} or a {@link LoopFiber}. */
  private volatile Object turn = LOOP;
  /** The loop thread sleeps waiting for the turn to come back. */
  private volatile boolean loopSleeping;
  private volatile boolean shut;

  LoopScheduler(Config config) {
    config.parallelism().ifPresent(p -> {
      if (p != 1) {
        throw new IllegalArgumentException("eventloop: parallelism " + p + " asked, but one"
            + " Node.js process runs one callback at a time (parallelism 1); use the cluster"
            + " model for more");
      }
    });
    LoopOptions options = LoopOptions.from(config).withOnUncaughtException(e -> LOG.log(
        Level.ERROR, "eventloop: a loop callback of the model threw; the loop goes on", e));
    this.spins = options.turnSpins();
    this.loop = new EventLoop(options);
    this.keepAlive = loop.keepAlive();
    this.loopThread = Thread.ofVirtual().name("execmodels-eventloop")
        .unstarted(() -> loop.run(() -> { }));
    loopThread.start();
  }

  @Override
  public Traits traits() {
    return new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  public Fiber spawn(Fiber parent, String name, Runnable body) {
    if (shut) {
      throw new RejectedExecutionException("the eventloop scheduler is shut down");
    }
    LoopFiber f = new LoopFiber(body, name);
    loop.submit(f.resume);
    return f;
  }

  @Override
  public Fiber current() {
    LoopFiber f = CURRENT.get();
    return f != null && f.scheduler == this ? f : null;
  }

  /** On the loop thread, as a callback: lends the turn to {@code f} until it comes back. */
  private void lendFromLoop(LoopFiber f) {
    Thread self = Thread.currentThread();
    boolean spin = handTo(f);
    for (int i = 0; spin && i < spins && turn != LOOP; i++) {
      Thread.onSpinWait();
    }
    if (turn != LOOP) {
      loopSleeping = true;
      while (turn != LOOP) {
        LockSupport.park(this);
      }
      loopSleeping = false;
    }
    loop.setOwner(self);
  }

  /**
   * Gives the turn to {@code f}, starting its thread the first time. Turn holder only. Returns
   * whether {@code f} was awake (spinning for the turn): if it had to be woken or started, its
   * virtual thread now waits for a carrier, quite possibly this one, so the giver should park at
   * once rather than spin.
   */
  private boolean handTo(LoopFiber f) {
    boolean first = f.thread == null;
    if (first) {
      f.thread = Thread.ofVirtual()
          .name(f.name != null ? f.name : "eventloop-task-" + names.incrementAndGet())
          .unstarted(() -> runFiber(f));
      fiberThreads.add(f.thread);
    }
    loop.countProgress();
    loop.setOwner(f.thread);
    turn = f;
    if (first) {
      f.thread.start();
      return false;
    }
    if (f.sleeping) {
      LockSupport.unpark(f.thread);
      return false;
    }
    return true;
  }

  /** Gives the turn back to the loop thread. Turn holder only. Returns whether it was awake. */
  private boolean handToLoop() {
    loop.setOwner(loopThread);
    turn = LOOP;
    if (loopSleeping) {
      LockSupport.unpark(loopThread);
      return false;
    }
    return true;
  }

  private void runFiber(LoopFiber f) {
    CURRENT.set(f);
    try {
      f.body.run();
    } finally {
      f.state.set(DONE);
      carryOn(f);
      fiberThreads.remove(Thread.currentThread());
    }
  }

  /** What {@link #carryOn} did. */
  private static final int RESUMED = 0;
  private static final int HANDED_TO_AWAKE = 1;
  private static final int HANDED_TO_SLEEPER = 2;

  /**
   * {@code self} stops running its code: goes on with the microtask checkpoint until it finds
   * its own resume ({@link #RESUMED}: it holds the turn again) or hands the turn on.
   */
  private int carryOn(LoopFiber self) {
    while (true) {
      Runnable job = loop.nextMicrotask();
      if (job == null) {
        return handToLoop() ? HANDED_TO_AWAKE : HANDED_TO_SLEEPER;
      }
      if (job instanceof Resume r && r.fiber.scheduler == this) {
        if (r.fiber == self) {
          loop.countProgress();
          return RESUMED;
        }
        return handTo(r.fiber) ? HANDED_TO_AWAKE : HANDED_TO_SLEEPER;
      }
      loop.invokeMicrotask(job);
    }
  }

  private void awaitTurn(LoopFiber f, Object blocker, boolean spin) {
    for (int i = 0; spin && i < spins && turn != f; i++) {
      Thread.onSpinWait();
    }
    if (turn == f) {
      return;
    }
    boolean interrupted = false;
    f.sleeping = true;
    while (turn != f) {
      LockSupport.park(blocker);
      // An interrupt would make every park return at once; keep it for after the wait.
      interrupted |= Thread.interrupted();
    }
    f.sleeping = false;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void park(Object blocker) {
    LoopFiber f = CURRENT.get();
    if (f.state.compareAndSet(NOTIFIED, RUNNING)) {
      return;
    }
    if (!f.state.compareAndSet(RUNNING, PARKED)) {
      f.state.set(RUNNING);
      return;
    }
    int did = carryOn(f);
    if (did != RESUMED) {
      awaitTurn(f, blocker, did == HANDED_TO_AWAKE);
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    LoopFiber f = (LoopFiber) fiber;
    while (true) {
      int s = f.state.get();
      if (s == RUNNING) {
        if (f.state.compareAndSet(RUNNING, NOTIFIED)) {
          return;
        }
      } else if (s == PARKED) {
        if (f.state.compareAndSet(PARKED, RUNNING)) {
          loop.submit(f.resume);
          return;
        }
      } else {
        return;
      }
    }
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    if (shut) {
      throw new RejectedExecutionException("the eventloop scheduler is shut down");
    }
    CoreTimer t = new CoreTimer(loop, deadlineNanos, action);
    t.arm();
    return t;
  }

  /** The result of a blocking call, handed from a worker to the parked task. */
  private static final class Outcome<T> {
    volatile boolean done;
    T value;
    Throwable failure;
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    LoopFiber f = CURRENT.get();
    if (f == null || f.scheduler != this) {
      return call.call();
    }
    Outcome<T> out = new Outcome<>();
    loop.workers().execute(() -> {
      try {
        out.value = call.call();
      } catch (Throwable e) {
        out.failure = e;
      }
      out.done = true;
      unpark(f);
    });
    while (!out.done) {
      park(out);
    }
    Throwable e = out.failure;
    if (e == null) {
      return out.value;
    }
    if (e instanceof Exception ex) {
      throw ex;
    }
    if (e instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException("a blocking call threw " + e, e);
  }

  @Override
  public <T> T compute(Job<T> job) throws Exception {
    return job.compute();
  }

  @Override
  public void checkpoint() {}

  @Override
  public Map<String, Long> stats() {
    Map<String, Long> m = new LinkedHashMap<>(loop.stats());
    m.put("tasks.threads", (long) fiberThreads.size());
    return m;
  }

  /**
   * Lets the loop run out of work (core's timers are unref'd), then closes it and waits for the
   * threads of the loop, its workers and the tasks.
   */
  @Override
  public boolean shutdown(Duration grace) {
    shut = true;
    long deadline = System.nanoTime() + grace.toNanos();
    keepAlive.close();
    boolean ended;
    try {
      if (!loop.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        loop.stop();
      }
      ended = loopThread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      for (Thread t : fiberThreads) {
        ended &= t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (!ended) {
      return false;
    }
    try {
      return loop.closeWithin(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    } catch (IllegalStateException e) {
      LOG.log(Level.ERROR, "eventloop: closing the loop", e);
      return false;
    }
  }
}
