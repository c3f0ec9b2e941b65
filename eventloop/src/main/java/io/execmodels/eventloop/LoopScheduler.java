package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code eventloop} model's scheduler: one {@link EventLoop} on its own platform thread, and
 * tasks that borrow its turn.
 *
 * <p><b>The turn.</b> Each task is a virtual thread, but only one of {the loop thread, the tasks}
 * runs at a time: the holder of the turn. The loop lends the turn to a task from a callback (a
 * start or a resume), and waits, as that callback, until the task gives it back by parking or
 * ending. So a task's stretch between two suspension points is one loop callback: it blocks the
 * loop while it runs, it is followed by the microtask checkpoint, and the blocked-loop detector
 * sees it. Parking gives the turn back; unparking queues a resume: a microtask when the waker
 * holds the turn (as an {@code await} continuation in Node), a submitted task from any other
 * thread (a worker's result, a foreign cancel).
 *
 * <p><b>The hand-off.</b> Giving the turn is a volatile write and, if the receiver sleeps, a
 * {@link LockSupport#unpark}; each side spins {@link LoopOptions#turnSpins} times before it
 * sleeps, since the other side usually answers within a microsecond. A task that parks and is
 * resumed by the next microtask thus costs two hand-offs (see the README for the figures).
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
    /** Written by the giver of the turn; the task runs only while it is true. */
    volatile boolean hasTurn;
    /** The task's thread sleeps waiting for the turn: the loop must unpark it. */
    volatile boolean sleeping;
    Thread thread;
    final Runnable resume = () -> lend(this);

    LoopFiber(Runnable body, String name) {
      this.body = body;
      this.name = name;
    }

    @Override
    public Runnable body() {
      return body;
    }
  }

  private final EventLoop loop;
  private final KeepAlive keepAlive;
  private final Thread loopThread;
  private final int spins;
  private final Set<Thread> fiberThreads = ConcurrentHashMap.newKeySet();
  private final AtomicLong names = new AtomicLong();
  private final AtomicLong resumes = new AtomicLong();
  /** The loop thread sleeps waiting for a task to give the turn back. */
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
    this.loopThread = Thread.ofPlatform().name("execmodels-eventloop").daemon()
        .unstarted(() -> loop.run(() -> { }));
    loopThread.start();
  }

  /** The loop, for the model's own idiom (timers, promises) beside core's tasks. */
  EventLoop loop() {
    return loop;
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

  /** On the loop thread, as a callback: lends the turn to {@code f} until it gives it back. */
  private void lend(LoopFiber f) {
    Thread self = Thread.currentThread();
    boolean first = f.thread == null;
    if (first) {
      f.thread = Thread.ofVirtual()
          .name(f.name != null ? f.name : "eventloop-task-" + names.incrementAndGet())
          .unstarted(() -> runFiber(f));
      fiberThreads.add(f.thread);
    } else {
      resumes.incrementAndGet();
    }
    loop.setOwner(f.thread);
    f.hasTurn = true;
    if (first) {
      f.thread.start();
    } else if (f.sleeping) {
      LockSupport.unpark(f.thread);
    }
    for (int i = 0; i < spins && f.hasTurn; i++) {
      Thread.onSpinWait();
    }
    if (f.hasTurn) {
      loopSleeping = true;
      while (f.hasTurn) {
        LockSupport.park(this);
      }
      loopSleeping = false;
    }
    loop.setOwner(self);
  }

  private void runFiber(LoopFiber f) {
    CURRENT.set(f);
    try {
      f.body.run();
    } finally {
      f.state.set(DONE);
      giveBack(f);
      fiberThreads.remove(Thread.currentThread());
    }
  }

  private void giveBack(LoopFiber f) {
    f.hasTurn = false;
    if (loopSleeping) {
      LockSupport.unpark(loopThread);
    }
  }

  private void awaitTurn(LoopFiber f, Object blocker) {
    for (int i = 0; i < spins && !f.hasTurn; i++) {
      Thread.onSpinWait();
    }
    if (f.hasTurn) {
      return;
    }
    boolean interrupted = false;
    f.sleeping = true;
    while (!f.hasTurn) {
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
    giveBack(f);
    awaitTurn(f, blocker);
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
    Map<String, Long> m = new java.util.LinkedHashMap<>(loop.stats());
    m.put("tasks.threads", (long) fiberThreads.size());
    m.put("tasks.resumes", resumes.get());
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
