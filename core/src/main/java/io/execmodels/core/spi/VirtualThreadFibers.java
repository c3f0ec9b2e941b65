package io.execmodels.core.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Fibers that are virtual threads, for a scheduler whose tasks each run on one: starting them,
 * knowing which is current, parking and unparking them, and waiting for the last one to end. The
 * {@code csp} and {@code process-pool} schedulers are built on it; a scheduler adds its own policy
 * around a park (how long to look for a wake-up first, giving up a processor permit...).
 *
 * <p><b>Wake-up handshake.</b> Each fiber has a state, so that an unpark touches the thread only
 * when it is parked and a park can first look for a wake-up cheaply ({@link #awaitBeforePark}):
 *
 * <ul>
 *   <li>{@code RUNNING}: no wake-up pending. Only the fiber moves it to {@code PARKED}, by a CAS
 *       just before {@link LockSupport#park}, after it has published its thread.
 *   <li>{@code PARKED}: the thread is in, or about to enter, {@code LockSupport.park}. An unpark
 *       that swaps this for {@code WOKEN} owes it a {@link LockSupport#unpark}.
 *   <li>{@code YIELDING}: the fiber is yielding its carrier in {@link #awaitBeforePark}, so its
 *       thread is queued on a carrier or about to be; only the fiber moves to it (from {@code
 *       RUNNING}) and back. An unpark that swaps it for {@code WOKEN} owes nothing.
 *   <li>{@code WOKEN}: a wake-up is pending; the fiber's next park consumes it and returns.
 * </ul>
 *
 * <p>An unpark is one atomic swap to {@code WOKEN}; it unparks the thread only if the swap found
 * {@code PARKED}, so a running fiber is not disturbed and no stray permit is left to cut its next
 * park short. A park that ends sets {@code RUNNING} whatever ended it: a wake-up that came during
 * the park ended that park, and core re-checks its condition after every park, so nothing is lost
 * (see {@link Scheduler}'s contract).
 *
 * <p><b>Before a park.</b> {@link #awaitBeforePark} lets a scheduler look for a wake-up on the
 * carrier before it parks, since a virtual thread's park and unpark (unmount, a push to the
 * carrier pool, which wakes an idle carrier, mount) cost more than a hand-off between running
 * tasks. Two things, tracked per fiber on the fiber's own thread (plain fields, no sharing), tell
 * how to look:
 *
 * <ul>
 *   <li>A fiber that has woken a parked or yielding fiber since its last wait has that fiber's
 *       thread queued, most likely on its own carrier (a virtual thread's unpark pushes it to the
 *       current carrier's queue): its answer comes from a task queued behind the waiter, which a
 *       spin only delays. Such a wait yields the carrier instead, a few times: the woken fiber
 *       runs next on this carrier, Go's {@code runnext}, and while the waiter yields it is queued
 *       itself, so the answer wakes it with no unpark, no push and no other carrier woken. Except
 *       for a probe now and then, a full spin: the pool has told an idle carrier of the queued
 *       thread, and if that carrier takes it and answers while this one spins, the two tasks go
 *       on answering each other on two carriers without parking or yielding (on a quiet machine
 *       csp's ping-pong did so in 0.7 us a round trip, where SynchronousQueue's, which parks, took
 *       0.9 to 1.5 us). The probes back off, doubling the waits between two up to {@link
 *       #MAX_PROBE_INTERVAL}, while they fail.
 *   <li>Otherwise the answer can only come from a task running on another carrier: the wait
 *       spins. Spins that failed shrink the fiber's next spin, down to an eighth; one that
 *       succeeded restores it. When the carriers are shared with other processes, or more tasks
 *       are runnable than carriers, the waker is often not running, and a spin burns its slice. A
 *       new fiber starts at full length: starting at an eighth made a million tasks parking on
 *       one channel slower, not faster (22 and 24 s, peak RSS 1.4 GB, against 7.6 and 15 s, 1.0
 *       and 1.2 GB, alternating in one session; why is not known).
 * </ul>
 *
 * <p><b>Counting.</b> Starts and ends are counted (one atomic add each, no set of threads), so
 * that {@link #close} can wait for the last body. A start raises the count and then reads the
 * closed flag; a close sets the flag and then waits for the count: either the start is refused
 * or the close waits for it.
 *
 * <p>Thread-safe. {@link #awaitBeforePark}, {@link #park} and {@link #parkUntil} are called by a
 * fiber on itself; the rest from any thread.
 */
public final class VirtualThreadFibers {

  private static final int RUNNING = 0;
  private static final int PARKED = 1;
  private static final int WOKEN = 2;
  private static final int YIELDING = 3;
  private static final ThreadLocal<VirtualFiber> CURRENT = new ThreadLocal<>();
  /** Thread-safe, unlike a builder: one for every start rather than a builder each. */
  private static final ThreadFactory DEFAULT_THREADS = Thread.ofVirtual().factory();
  /**
   * A spin that keeps failing shrinks to {@code maxSpins >> 3}, never to nothing: a fiber whose
   * spins never run cannot see them start paying again.
   */
  private static final int MAX_SPIN_SHIFT = 3;
  /**
   * After failed probes (see below), how many waits at most pass between two: a failed probe costs
   * one spin of maxSpins (about 5 us for csp), so at most some 5 ns a wait when they keep failing,
   * as on a loaded machine (where 6 in 684 succeeded); one that succeeds saves a yield or a park
   * on every hand-off that follows.
   */
  private static final int MAX_PROBE_INTERVAL = 1024;

  private final String owner;
  private final ThreadFactory threads;
  private final Drain live = new Drain();
  private volatile boolean closed;

  /**
   * Fibers on virtual threads of the JDK's default scheduler, open for spawns until closed.
   *
   * @param owner names the scheduler in the message of a refused start
   */
  public VirtualThreadFibers(String owner) {
    this(owner, DEFAULT_THREADS);
  }

  /**
   * Fibers whose virtual threads come from {@code virtualThreads}: for a scheduler that runs them
   * on its own carrier ({@link Carriers#virtualThreadsOn}).
   *
   * @param owner names the scheduler in the message of a refused start
   * @param virtualThreads a thread-safe factory of unstarted virtual threads
   */
  public VirtualThreadFibers(String owner, ThreadFactory virtualThreads) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.threads = Objects.requireNonNull(virtualThreads, "virtualThreads");
  }

  /**
   * Starts a virtual thread running {@code body} as a fiber of this instance. The thread is named
   * {@link TaskBody#givenName()} if that is not {@code null}.
   *
   * @param body what the fiber runs
   * @return the new fiber
   * @throws RejectedExecutionException once {@link #close} has been called
   */
  public Fiber start(TaskBody body) {
    return start(body, null);
  }

  /**
   * Like {@link #start(TaskBody)}, with the thread running {@code around.accept(body)}: for what a
   * scheduler does before and after each body (taking and giving back a processor). The fiber's
   * {@link Fiber#body()} is still {@code body}.
   *
   * @param body what the fiber runs, its {@link Fiber#body()}
   * @param around runs the body it is given, with what comes before and after it
   * @return the new fiber
   * @throws RejectedExecutionException once {@link #close} has been called
   */
  public Fiber start(TaskBody body, Consumer<Runnable> around) {
    VirtualFiber fiber = new VirtualFiber(this, Objects.requireNonNull(body, "body"), around);
    live.increment();
    if (closed) {
      live.decrement();
      throw new RejectedExecutionException(owner + " is shut down");
    }
    try {
      threads.newThread(fiber).start();
    } catch (RuntimeException | Error e) {
      live.decrement();
      throw e;
    }
    return fiber;
  }

  /**
   * Counts a start by the current fiber: whether it has now started {@code batch} fibers since
   * this last answered true (never true when the caller is not a fiber of this instance).
   *
   * @param batch how many starts make a batch; 1 or less makes each start one
   * @return whether this start completes a batch
   */
  public boolean startedBatch(int batch) {
    VirtualFiber self = CURRENT.get();
    if (self == null || self.owner != this || ++self.starts < batch) {
      return false;
    }
    self.starts = 0;
    return true;
  }

  /**
   * The fiber of this instance running the calling code, or {@code null}.
   *
   * @return the calling fiber, or {@code null} outside this instance's fibers
   */
  public Fiber current() {
    VirtualFiber fiber = CURRENT.get();
    return fiber != null && fiber.owner == this ? fiber : null;
  }

  /**
   * Looks for the current fiber's wake-up without parking it, as the class comment says: by
   * spinning ({@link Thread#onSpinWait()}) at most {@code maxSpins} times, fewer after spins that
   * failed, or, right after it woke a fiber, by yielding its carrier ({@link Thread#yield()}) at
   * most {@code maxYields} times; consumes the wake-up if one came. Call it before {@link #park},
   * which it does not replace: a wait that ends without a wake-up must be followed by a park.
   *
   * @param maxSpins the most spins; 0 never spins
   * @param maxYields the most yields; 0 never yields
   * @return whether a wake-up came (and was consumed)
   */
  public boolean awaitBeforePark(int maxSpins, int maxYields) {
    VirtualFiber self = CURRENT.get();
    if (self.wokeQueued) {
      self.wokeQueued = false;
      if (maxSpins == 0 || --self.probeCountdown > 0) {
        return yieldFor(self, maxYields);
      }
      if (spinFor(self, maxSpins)) {
        self.probeInterval = 1;
        self.spinShift = 0;
        return true;
      }
      self.probeInterval = Math.min(MAX_PROBE_INTERVAL, self.probeInterval * 2);
      self.probeCountdown = self.probeInterval;
      return false;
    }
    if (spinFor(self, maxSpins >> self.spinShift)) {
      self.spinShift = 0;
      return true;
    }
    if (self.spinShift < MAX_SPIN_SHIFT) {
      self.spinShift++;
    }
    return false;
  }

  private static boolean yieldFor(VirtualFiber self, int yields) {
    if (yields == 0 || !self.announceYield()) {
      return self.pollWakeUp();
    }
    for (int i = 0; i < yields; i++) {
      Thread.yield();
      if (self.state == WOKEN) {
        break;
      }
    }
    return self.yieldEnded();
  }

  private static boolean spinFor(VirtualFiber self, int spins) {
    for (int i = 0; i < spins; i++) {
      if (self.pollWakeUp()) {
        return true;
      }
      Thread.onSpinWait();
    }
    return self.pollWakeUp();
  }

  /**
   * Parks the current fiber until unparked (or spuriously), unless a wake-up is pending.
   *
   * @param blocker what it waits for, for diagnostics
   */
  public void park(Object blocker) {
    VirtualFiber self = CURRENT.get();
    assert self != null && self.owner == this : "park from a thread that is not a fiber here";
    self.wokeQueued = false;
    boolean interrupted = setInterruptAside();
    if (self.announcePark()) {
      LockSupport.park(blocker);
      self.parkEnded();
    }
    restore(interrupted);
  }

  /**
   * Takes the calling thread's interrupt status off for a park, and the park permit its interrupt
   * left (a thread's interrupt also unparks it): with either in place every park would return at
   * once, and core's wait loops would spin. Suspension points ignore interrupts (the TCK's rule),
   * so {@link #restore} puts the status back after the park. The permit is used up before the
   * park is announced, so a real wake-up, which comes after the announcement, is not lost.
   */
  private static boolean setInterruptAside() {
    if (!Thread.interrupted()) {
      return false;
    }
    LockSupport.parkNanos(1);
    return true;
  }

  private static void restore(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Parks the current fiber until unparked, until {@code deadlineNanos} of {@link
   * System#nanoTime()}, or spuriously, unless a wake-up is pending. The deadline is a timer on
   * {@code timers} that unparks the fiber, cancelled once the park ends.
   *
   * <p>Why not the virtual thread's own {@code parkNanos}: the JDK arms a timer for it on one
   * thread shared by every carrier, and wakes that thread for each new one; a hundred thousand
   * fibers sleeping at once then spend more on waking the timer thread than on sleeping. {@link
   * TimerThread} is woken only by a deadline earlier than the one it waits for. A park that
   * starts once {@code timers} is shut down falls back on {@code parkNanos}, so it never fails;
   * one already waiting when they shut down is dropped with its timer and waits for an unpark. So
   * close this before the timers ({@link #close} first): then only a fiber that outlived the
   * shutdown grace can be left waiting.
   *
   * @param blocker what it waits for, for diagnostics
   * @param deadlineNanos when to stop waiting, a value of {@link System#nanoTime()}
   * @param timers the timer thread that ends the wait at the deadline
   */
  public void parkUntil(Object blocker, long deadlineNanos, TimerThread timers) {
    VirtualFiber self = CURRENT.get();
    assert self != null && self.owner == this : "park from a thread that is not a fiber here";
    self.wokeQueued = false;
    Cancellable timer;
    try {
      timer = timers.schedule(deadlineNanos, () -> unpark(self));
    } catch (RejectedExecutionException shutDown) {
      boolean interrupted = setInterruptAside();
      if (self.announcePark()) {
        LockSupport.parkNanos(blocker, deadlineNanos - System.nanoTime());
        self.parkEnded();
      }
      restore(interrupted);
      return;
    }
    boolean interrupted = setInterruptAside();
    if (self.announcePark()) {
      LockSupport.park(blocker);
      self.parkEnded();
    }
    restore(interrupted);
    timer.cancel();
  }

  /**
   * Wakes {@code fiber} from its current or next park. Any thread.
   *
   * @param fiber a fiber of this instance
   */
  public void unpark(Fiber fiber) {
    VirtualFiber f = (VirtualFiber) fiber;
    int was = f.wakeUp();
    if (was == PARKED) {
      // PARKED is set by the thread itself, after it published itself in thread.
      LockSupport.unpark(f.thread);
    }
    if (was == PARKED || was == YIELDING) {
      VirtualFiber self = CURRENT.get();
      if (self != null) {
        self.wokeQueued = true;
      }
    }
  }

  /**
   * Refuses further starts and waits up to {@code timeoutNanos} for every started body to return,
   * ignoring interrupts (and restoring the flag).
   *
   * @param timeoutNanos the longest to wait, in nanoseconds
   * @return whether every body has returned
   */
  public boolean close(long timeoutNanos) {
    closed = true;
    return live.awaitZero(timeoutNanos);
  }

  private static final class VirtualFiber implements Fiber, Runnable {
    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(VirtualFiber.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final VirtualThreadFibers owner;
    private final TaskBody body;
    private final Consumer<Runnable> around;
    volatile Thread thread;
    /**
     * Whether this fiber has woken a parked or yielding fiber since its last wait; this fiber's
     * own. Set after the unpark, so only once the woken thread is queued.
     */
    boolean wokeQueued;
    /** How far this fiber's next spin is shrunk (a right shift of maxSpins); this fiber's own. */
    int spinShift;
    /** Waits after a real unpark between two probes, and how many are left; this fiber's own. */
    int probeInterval = 1;
    int probeCountdown = 1;
    /** Fibers this fiber started since {@link #startedBatch} last answered true; its own. */
    int starts;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    VirtualFiber(VirtualThreadFibers owner, TaskBody body, Consumer<Runnable> around) {
      this.owner = owner;
      this.body = body;
      this.around = around;
    }

    @Override
    public TaskBody body() {
      return body;
    }

    @Override
    public void run() {
      try {
        Thread self = Thread.currentThread();
        String name = body.givenName();
        if (name != null) {
          self.setName(name);
        }
        thread = self;
        CURRENT.set(this);
        if (around == null) {
          body.run();
        } else {
          around.accept(body);
        }
      } finally {
        owner.live.decrement();
      }
    }

    boolean pollWakeUp() {
      return state == WOKEN && STATE.compareAndSet(this, WOKEN, RUNNING);
    }

    /** False if a wake-up came first (then consumed). */
    boolean announcePark() {
      if (STATE.compareAndSet(this, RUNNING, PARKED)) {
        return true;
      }
      state = RUNNING;
      return false;
    }

    /** False if a wake-up came first (then consumed). */
    boolean announceYield() {
      return STATE.compareAndSet(this, RUNNING, YIELDING);
    }

    /** Leaves {@code YIELDING}: whether a wake-up came meanwhile (then consumed). */
    boolean yieldEnded() {
      if (STATE.compareAndSet(this, YIELDING, RUNNING)) {
        return false;
      }
      state = RUNNING;
      return true;
    }

    void parkEnded() {
      state = RUNNING;
    }

    /** Posts a wake-up; the state it replaced ({@code PARKED}: the caller must unpark it). */
    int wakeUp() {
      return (int) STATE.getAndSet(this, WOKEN);
    }
  }
}
