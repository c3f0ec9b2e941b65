package io.execmodels.core.spi;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Tasks that borrow an event loop's turn: the mechanism under the {@code eventloop} (Node) and
 * {@code asyncio} models, written once. The loop ({@link TurnLoop}) decides the order; this class
 * hands the turn between the loop thread and the tasks.
 *
 * <p><b>The turn.</b> Each task is a virtual thread, but only one of {the loop thread, the tasks}
 * runs at a time: the holder of the turn ({@code turn}). A task's stretch between two suspension
 * points is one loop job: a start or a resume, run from the loop's batch. It blocks the loop while
 * it runs, and the loop's watchdogs see it ({@link TurnLoop#stepStarted}).
 *
 * <p><b>Parking</b> ends the stretch, and the parking task goes on with the loop's batch itself,
 * as the loop thread would: it runs plain jobs in place; when it reaches a resume of its own it
 * simply returns (an {@code await} settled by a job of the same batch costs no thread switch);
 * when it reaches another task's resume it hands the turn straight to that task; when the batch is
 * over it hands the turn back to the loop thread. <b>Unparking</b> {@linkplain TurnLoop#submit
 * submits} a resume: the loop decides where it goes (Node: a microtask; asyncio: a {@code
 * call_soon}; from another thread: a submission that wakes the loop).
 *
 * <p><b>A hand-off</b> is a volatile write of {@code turn} and, if the receiver sleeps, a {@link
 * LockSupport#unpark}. A thread that handed the turn to one awake (spinning) spins {@code spins}
 * times itself before it sleeps, since the turn usually comes back within a microsecond; one that
 * had to wake or start the receiver parks at once, because the receiver's virtual thread now waits
 * for a carrier, likely its own.
 *
 * <p><b>The loop thread should be virtual too</b>, so that every hand-off is between virtual
 * threads: a carrier switches continuations, with no operating-system wake-up on the way.
 *
 * <p>Thread-safe as stated per method: {@link #spawn}, {@link #unpark}, {@link #current} and the
 * counts from any thread; {@link #park}, {@link #yieldTurn} and {@link #blocking} by a task on
 * itself.
 */
public final class LoopTurns {
  private static final ThreadLocal<TurnFiber> CURRENT = new ThreadLocal<>();
  private static final int RUNNING = 0;
  private static final int PARKED = 1;
  private static final int NOTIFIED = 2;
  private static final int DONE = 3;

  /** What {@link #carryOn} did. */
  private static final int RESUMED = 0;
  private static final int HANDED_TO_AWAKE = 1;
  private static final int HANDED_TO_SLEEPER = 2;

  /** {@code turn}'s value while the loop thread holds it. */
  private static final Object LOOP = new Object();

  /** A task: a virtual thread that runs only while it holds the loop's turn. */
  private static final class TurnFiber implements Fiber {
    final LoopTurns owner;
    final TaskBody body;
    final String name;
    final AtomicInteger state = new AtomicInteger(RUNNING);
    /** The task's thread sleeps waiting for the turn: the giver must unpark it. */
    volatile boolean sleeping;
    Thread thread;
    final Resume resume;

    TurnFiber(LoopTurns owner, TaskBody body) {
      this.owner = owner;
      this.body = body;
      this.name = body.givenName();
      this.resume = new Resume(this);
    }

    @Override
    public TaskBody body() {
      return body;
    }

    @Override
    public String toString() {
      return thread != null ? thread.getName() : name != null ? name : "task (not started)";
    }
  }

  /** The job that starts or resumes a task: run by the loop thread, or recognised by a task. */
  private static final class Resume implements Runnable {
    final TurnFiber fiber;

    Resume(TurnFiber fiber) {
      this.fiber = fiber;
    }

    @Override
    public void run() {
      fiber.owner.lendFromLoop(fiber);
    }
  }

  private final String threadPrefix;
  private final TurnLoop loop;
  private final Thread loopThread;
  private final int spins;
  private final boolean reuseThreads;
  /** Makes the tasks' virtual threads: on the default scheduler, or on the loop's own carrier. */
  private final ThreadFactory threads;
  private final Set<Thread> fiberThreads = ConcurrentHashMap.newKeySet();
  private final AtomicLong names = new AtomicLong();
  /** Who holds the turn: {@link #LOOP} or a {@link TurnFiber}. */
  private volatile Object turn = LOOP;
  /** The loop thread sleeps waiting for the turn to come back. */
  private volatile boolean loopSleeping;

  /**
   * Turns for the tasks of {@code loop}, which start holding none: the loop thread has it.
   *
   * @param threadPrefix names the threads of unnamed tasks ({@code prefix + n})
   * @param loop the loop whose turn the tasks borrow
   * @param loopThread the thread that runs {@code loop} (and so holds the turn at first)
   * @param spins how many times a thread that handed the turn to an awake one spins for it to
   *     come back before it sleeps; 0 never spins
   */
  public LoopTurns(String threadPrefix, TurnLoop loop, Thread loopThread, int spins) {
    this(threadPrefix, loop, loopThread, spins, false);
  }

  /**
   * Like {@link #LoopTurns(String, TurnLoop, Thread, int)}; with {@code reuseThreads}, a task
   * whose body has returned runs the next task that has not started yet on its own thread, if
   * that is the next job of the batch, instead of starting a thread for it: a run of short tasks
   * then costs no thread start and no hand-off. The price: a reused thread carries the thread
   * locals the earlier task left, and its name changes to the new task's.
   *
   * @param threadPrefix names the threads of unnamed tasks ({@code prefix + n})
   * @param loop the loop whose turn the tasks borrow
   * @param loopThread the thread that runs {@code loop} (and so holds the turn at first)
   * @param spins how many times a thread that handed the turn to an awake one spins for it to come
   *     back before it sleeps; 0 never spins
   * @param reuseThreads whether a finished task's thread runs the next unstarted task of the batch
   */
  public LoopTurns(String threadPrefix, TurnLoop loop, Thread loopThread, int spins,
      boolean reuseThreads) {
    this(threadPrefix, loop, loopThread, spins, reuseThreads, Thread.ofVirtual().factory());
  }

  /**
   * Like {@link #LoopTurns(String, TurnLoop, Thread, int, boolean)}, with the tasks' threads made
   * by {@code threads}, which must make unstarted virtual threads: for example on the loop's own
   * carrier ({@link Carriers#virtualThreadsOn}), where {@code spins} should be 0 (a spinning
   * thread would hold the only carrier the one it waits for can run on).
   *
   * @param threadPrefix names the threads of unnamed tasks ({@code prefix + n})
   * @param loop the loop whose turn the tasks borrow
   * @param loopThread the thread that runs {@code loop} (and so holds the turn at first)
   * @param spins how many times a thread that handed the turn to an awake one spins for it to come
   *     back before it sleeps; 0 never spins, as it should on a single carrier
   * @param reuseThreads whether a finished task's thread runs the next unstarted task of the batch
   * @param threads makes the tasks' threads: unstarted virtual threads
   */
  public LoopTurns(String threadPrefix, TurnLoop loop, Thread loopThread, int spins,
      boolean reuseThreads, ThreadFactory threads) {
    if (spins < 0) {
      throw new IllegalArgumentException("spins must not be negative, was " + spins);
    }
    this.threadPrefix = Objects.requireNonNull(threadPrefix, "threadPrefix");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.loopThread = Objects.requireNonNull(loopThread, "loopThread");
    this.spins = spins;
    this.reuseThreads = reuseThreads;
    this.threads = Objects.requireNonNull(threads, "threads");
  }

  /**
   * Creates a task running {@code body} and submits its start to the loop. Not a suspension
   * point: the body starts when the loop reaches the start. Its thread is named {@link
   * TaskBody#givenName()}, or the prefix and a number if that is {@code null}. Any thread.
   *
   * @param body what the task runs
   * @return the new task's fiber
   */
  public Fiber spawn(TaskBody body) {
    TurnFiber f = new TurnFiber(this, Objects.requireNonNull(body, "body"));
    loop.submit(f.resume);
    return f;
  }

  /**
   * The task of this instance running the calling code, or {@code null}. Any thread.
   *
   * @return the calling task's fiber, or {@code null} outside this instance's tasks
   */
  public Fiber current() {
    TurnFiber f = CURRENT.get();
    return f != null && f.owner == this ? f : null;
  }

  /** On the loop thread, as a job: lends the turn to {@code f} until it comes back. */
  private void lendFromLoop(TurnFiber f) {
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
  private boolean handTo(TurnFiber f) {
    assert holdsTurn() : "the turn handed on by a thread that does not hold it";
    boolean first = f.thread == null;
    if (first) {
      f.thread = threads.newThread(() -> runFiber(f));
      f.thread.setName(f.name != null ? f.name : threadPrefix + names.incrementAndGet());
      fiberThreads.add(f.thread);
    }
    loop.stepStarted(f);
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
    assert holdsTurn() : "the turn handed on by a thread that does not hold it";
    loop.setOwner(loopThread);
    turn = LOOP;
    if (loopSleeping) {
      LockSupport.unpark(loopThread);
      return false;
    }
    return true;
  }

  /** Whether the calling thread holds the turn: one holder at a time, and only it hands on. */
  private boolean holdsTurn() {
    Object t = turn;
    Thread self = Thread.currentThread();
    return t == LOOP ? self == loopThread : ((TurnFiber) t).thread == self;
  }

  private void runFiber(TurnFiber first) {
    TurnFiber f = first;
    try {
      while (f != null) {
        CURRENT.set(f);
        try {
          f.body.run();
        } finally {
          f.state.set(DONE);
          loop.taskEnded(f);
        }
        f = reuseThreads ? carryOnOrAdopt(f) : carryOnDone(f);
      }
    } finally {
      CURRENT.remove();
      fiberThreads.remove(Thread.currentThread());
    }
  }

  private TurnFiber carryOnDone(TurnFiber self) {
    carryOn(self);
    return null;
  }

  /**
   * Like {@link #carryOn} for a task whose body has returned, except that a task not started yet
   * is run on this thread rather than on a new one: returns it (it now holds the turn), or null
   * once the turn is handed on.
   */
  private TurnFiber carryOnOrAdopt(TurnFiber self) {
    loop.stepEnded(self);
    while (true) {
      Runnable job = loop.nextJob();
      if (job == null) {
        handToLoop();
        return null;
      }
      if (job instanceof Resume r && r.fiber.owner == this) {
        TurnFiber next = r.fiber;
        if (next.thread == null) {
          Thread t = Thread.currentThread();
          next.thread = t;
          t.setName(next.name != null ? next.name : threadPrefix + names.incrementAndGet());
          loop.stepStarted(next);
          turn = next;
          return next;
        }
        handTo(next);
        return null;
      }
      loop.runJob(job);
    }
  }

  /**
   * {@code self} stops running its code: goes on with the loop's batch until it finds its own
   * resume ({@link #RESUMED}: it holds the turn again) or hands the turn on.
   */
  private int carryOn(TurnFiber self) {
    loop.stepEnded(self);
    while (true) {
      Runnable job = loop.nextJob();
      if (job == null) {
        return handToLoop() ? HANDED_TO_AWAKE : HANDED_TO_SLEEPER;
      }
      if (job instanceof Resume r && r.fiber.owner == this) {
        if (r.fiber == self) {
          loop.stepStarted(self);
          return RESUMED;
        }
        return handTo(r.fiber) ? HANDED_TO_AWAKE : HANDED_TO_SLEEPER;
      }
      loop.runJob(job);
    }
  }

  private void awaitTurn(TurnFiber f, Object blocker, boolean spin) {
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

  /**
   * Parks the current task (it gives the turn up) until {@link #unpark}ed and the loop reaches
   * its resume; returns at once if a wake-up is pending. Called by a task of this instance on
   * itself, while it holds the turn.
   *
   * @param blocker what it waits for, for diagnostics
   */
  public void park(Object blocker) {
    TurnFiber f = CURRENT.get();
    assert f != null && f.owner == this && turn == f : "a park by a task without the turn";
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

  /**
   * Gives the turn up and queues the current task's resume behind the jobs already queued, as
   * asyncio's {@code sleep(0)} does (the resume is {@linkplain TurnLoop#submit submitted} like any
   * other): the task runs again once the loop reaches it. A wake-up pending or arriving meanwhile
   * is consumed by this resume, or cuts the task's next park short (a spurious wake-up). Called by
   * a task of this instance on itself, while it holds the turn.
   *
   * @param blocker what it waits for, for diagnostics
   */
  public void yieldTurn(Object blocker) {
    TurnFiber f = CURRENT.get();
    // RUNNING while it waits: an unpark then only leaves a wake-up, so exactly one resume of this
    // task is ever queued.
    f.state.set(RUNNING);
    loop.submit(f.resume);
    int did = carryOn(f);
    if (did != RESUMED) {
      awaitTurn(f, blocker, did == HANDED_TO_AWAKE);
    }
  }

  /**
   * Wakes {@code fiber} from its current or next park: submits its resume to the loop if it is
   * parked, else leaves a wake-up for its next park. Any thread.
   *
   * @param fiber a task of this instance
   */
  public void unpark(Fiber fiber) {
    TurnFiber f = (TurnFiber) fiber;
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

  /** The result of a blocking call, handed from a worker to the parked task. */
  private static final class Outcome<T> {
    volatile boolean done;
    T value;
    Throwable failure;
  }

  /**
   * Runs {@code call} on {@code workers} while the current task parks, and returns its result or
   * throws its failure; from a thread that is not a task of this instance, runs it in place.
   *
   * @param <T> the type of the call's result
   * @param workers where the call runs
   * @param call the blocking call
   * @return the call's result
   * @throws Exception whatever the call threw
   */
  public <T> T blocking(Executor workers, Callable<T> call) throws Exception {
    TurnFiber f = CURRENT.get();
    if (f == null || f.owner != this) {
      return call.call();
    }
    Outcome<T> out = new Outcome<>();
    workers.execute(() -> {
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

  /**
   * How many task threads have started and not ended. Any thread.
   *
   * @return the number of live task threads
   */
  public int liveThreads() {
    return fiberThreads.size();
  }

  /**
   * Waits until {@code deadline} at most for every started task thread to end (a thread not yet
   * started by then is not waited for), as {@link GraceDeadline#join(Iterable)} does.
   *
   * @param deadline when to stop waiting
   * @return whether they all ended
   */
  public boolean joinThreads(GraceDeadline deadline) {
    return deadline.join(fiberThreads);
  }
}
