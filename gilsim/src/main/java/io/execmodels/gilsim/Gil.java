package io.execmodels.gilsim;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A global interpreter lock with the rules of CPython's "new GIL" (3.2 to 3.12): the lock that
 * lets one thread at a time run Python code, and whose hand-offs make CPU-bound Python threads no
 * faster than one, and an I/O-bound thread next to a CPU-bound one much slower.
 *
 * <p><b>The rules.</b> One thread holds the GIL at a time. A thread that wants it and finds it
 * held waits on a condition for at most one <em>switch interval</em> (5 ms by default, {@link
 * #setSwitchInterval}). If that wait times out and no thread took the GIL meanwhile (a switch
 * number tells), the waiter sets the <em>drop request</em> and waits again. The holder looks at
 * the request only at its {@link #checkpoint()}s (CPython's "eval breaker": function entry, loop
 * back-edges, returns of calls; here wherever code calls {@code ctx.checkpoint()}), so code that
 * never reaches one keeps the GIL for as long as it runs, as a long C call does in CPython. At a
 * checkpoint with a request pending, the holder drops the GIL and then waits until some other
 * thread has taken it before it queues again (<em>forced switching</em>): without that, the
 * dropper, already running on its core, would usually take the GIL straight back before the
 * woken waiter got there (a release of its own accord with a request pending is forced the same
 * way). A thread that releases the GIL around a blocking call ({@link #released}) with no request
 * pending forces nothing: it may well take the GIL back before the thread it woke does. Only a
 * change of holder counts as a switch, so such a release and take does not restart a waiter's
 * interval. That asymmetry is the convoy effect: an I/O thread next to a CPU-bound one gives the
 * GIL away at each I/O call, and the CPU-bound thread, awake by then, often takes it; the I/O
 * thread then waits an interval to get it back.
 *
 * <p>No order among waiters is promised: the one the condition wakes and the operating system
 * runs first takes it, as in CPython, whose waiters are woken by a pthread condition.
 *
 * <p><b>Free-threaded mode</b> ({@link #freeThreaded()}, CPython 3.13's {@code --disable-gil}):
 * the same calls, which then do nothing, so that the same threads run in parallel.
 *
 * <p><b>Threads.</b> A thread runs under a GIL through {@link #runAsThread}, which takes the GIL
 * for it and makes this the thread's {@link #current()} GIL; the {@code gil-threads} model and
 * {@code threading}'s threads run every task that way. Every wait such a thread does for another
 * (a lock, a queue, a sleep, a join) releases the GIL for the wait.
 *
 * <p>Thread-safe. {@link #checkpoint}, {@link #release} and {@link #acquire} act on the calling
 * thread.
 */
public final class Gil {

  /** CPython's default switch interval, {@code sys.getswitchinterval()}: 5 ms. */
  public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

  /** The GIL the calling thread runs under, set by {@link #runAsThread}. */
  private static final ThreadLocal<Gil> CURRENT = new ThreadLocal<>();

  private final boolean enabled;
  /** The threads inside {@link #runAsThread}: the interpreter's threads, which its exit awaits. */
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final ReentrantLock mutex = new ReentrantLock();
  /** Where threads wait for the GIL, one interval at a time. */
  private final Condition released = mutex.newCondition();
  /** Where a thread that dropped the GIL on request waits for another to take it. */
  private final Condition switched = mutex.newCondition();

  // Guarded by mutex.
  private boolean locked;
  /** The thread that took the GIL last: it stays set while the GIL is free (last_holder). */
  private Thread holder;
  /**
   * Counts changes of holder: a waiter whose interval ran out sees from it whether any switch
   * happened meanwhile.
   */
  private long switchNumber;
  private long takenAtNanos;
  private final GilCounters counters = new GilCounters();

  /**
   * The eval breaker: set by a waiter whose interval ran out, read by the holder at every
   * checkpoint without the mutex. Volatile so that the holder sees it at its next checkpoint
   * rather than whenever its core happens to reload the field.
   */
  private volatile boolean dropRequest;
  /** Set once the interpreter has ended: no thread may start under it any more. */
  private volatile boolean finalized;
  private volatile long intervalNanos;

  private Gil(boolean enabled, Duration switchInterval) {
    this.enabled = enabled;
    this.intervalNanos = intervalNanos(switchInterval);
  }

  /**
   * A GIL with CPython's default switch interval, 5 ms.
   *
   * @return a new GIL, which no thread holds yet
   */
  public static Gil create() {
    return new Gil(true, DEFAULT_SWITCH_INTERVAL);
  }

  /**
   * A GIL with the given switch interval.
   *
   * @param switchInterval how long a waiting thread waits before it asks the holder to drop the
   *     GIL; positive
   * @return a new GIL, which no thread holds yet
   * @throws IllegalArgumentException if {@code switchInterval} is not positive
   */
  public static Gil create(Duration switchInterval) {
    return new Gil(true, switchInterval);
  }

  /**
   * No GIL: every call does nothing, and the threads under it run in parallel (PEP 703).
   *
   * @return a GIL that does nothing
   */
  public static Gil freeThreaded() {
    return new Gil(false, DEFAULT_SWITCH_INTERVAL);
  }

  /**
   * The GIL the calling thread runs under (a task of {@code gil-threads}, a {@code threading}
   * thread), or {@code null} if it runs under none.
   *
   * @return the calling thread's GIL, or {@code null} if it runs under none
   */
  public static Gil current() {
    return CURRENT.get();
  }

  /**
   * Whether this GIL exists; false for {@link #freeThreaded()}.
   *
   * @return whether there is a GIL; {@code false} when free-threaded
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * The switch interval, {@code sys.getswitchinterval()}.
   *
   * @return the switch interval
   */
  public Duration switchInterval() {
    return Duration.ofNanos(intervalNanos);
  }

  /**
   * Sets the switch interval, {@code sys.setswitchinterval()}: how long a thread waits for the GIL
   * before it asks the holder to drop it. Below one microsecond it becomes one microsecond, as in
   * CPython. Waits already under way finish their current interval first.
   *
   * @param interval the new switch interval; positive (below one microsecond counts as one)
   * @throws IllegalArgumentException if {@code interval} is zero or negative ("switch interval
   *     must be strictly positive", CPython's {@code ValueError})
   */
  public void setSwitchInterval(Duration interval) {
    intervalNanos = intervalNanos(interval);
  }

  private static long intervalNanos(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "switch interval must be strictly positive, was " + interval);
    }
    long nanos = interval.compareTo(Duration.ofDays(1)) > 0 ? Long.MAX_VALUE : interval.toNanos();
    return Math.max(TimeUnit.MICROSECONDS.toNanos(1), nanos);
  }

  /**
   * Runs {@code body} on the calling thread as a thread of this GIL: takes the GIL, runs, gives it
   * back however the body ends. Meanwhile {@link #current()} is this GIL on the thread.
   *
   * @param body the thread's code
   * @throws IllegalStateException if the calling thread already runs under a GIL, or the
   *     interpreter has ended ("can't create new thread at interpreter shutdown", as CPython)
   */
  public void runAsThread(Runnable body) {
    if (CURRENT.get() != null) {
      throw new IllegalStateException(
          Thread.currentThread().getName() + " already runs under a GIL");
    }
    if (finalized) {
      throw new IllegalStateException("can't create new thread at interpreter shutdown");
    }
    Thread self = Thread.currentThread();
    threads.add(self);
    CURRENT.set(this);
    try {
      acquire();
      try {
        body.run();
      } finally {
        release();
      }
    } finally {
      CURRENT.remove();
      threads.remove(self);
    }
  }

  /**
   * Waits until every thread running under this GIL (in {@link #runAsThread}), but the caller, has
   * left it, or until {@code deadlineNanos} of {@link System#nanoTime()}: the interpreter's exit.
   *
   * @return whether they all left in time
   */
  boolean awaitThreads(long deadlineNanos) throws InterruptedException {
    // Again until none is left: a thread may start another while the first is joined, and the
    // set's iterator need not show it.
    Thread self = Thread.currentThread();
    while (true) {
      Thread next = null;
      for (Thread t : threads) {
        if (t != self) {
          next = t;
          break;
        }
      }
      if (next == null) {
        return true;
      }
      if (!next.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())))) {
        return false;
      }
    }
  }

  /**
   * Whether the interpreter this GIL belongs to has ended (its {@code gil-threads} model has
   * closed): no thread may start under it any more.
   *
   * @return whether the interpreter has ended
   */
  public boolean isFinalized() {
    return finalized;
  }

  /** Ends the interpreter: later {@link #runAsThread} calls are refused. */
  void finalizeInterpreter() {
    finalized = true;
  }

  /** How many threads run under this GIL. */
  int threadCount() {
    return threads.size();
  }

  /**
   * Runs {@code call} with the GIL released, and takes it back after, however the call ends:
   * CPython's {@code Py_BEGIN_ALLOW_THREADS} around a blocking call. A thread that does not hold
   * this GIL just runs the call.
   *
   * @param <T> the type of the call's result
   * @param call the call to run without the GIL, typically a blocking one
   * @return the call's result
   * @throws Exception whatever the call threw
   */
  public <T> T released(Callable<T> call) throws Exception {
    if (!isHeldByCurrentThread()) {
      return call.call();
    }
    release();
    try {
      return call.call();
    } finally {
      acquire();
    }
  }

  /**
   * A wait that blocks the calling thread: a lock, a latch, a queue.
   *
   * @param <T> the type of what the wait gives
   */
  @FunctionalInterface
  public interface Wait<T> {
    /**
     * Blocks until the awaited thing happens, and returns what it gives.
     *
     * @return what the awaited thing gives
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    T await() throws InterruptedException;
  }

  /**
   * Blocks in {@code wait} with the calling thread's GIL ({@link #current()}) released, and takes
   * it back after: how {@code threading}'s primitives wait, and how a primitive of your own
   * should. Never call it holding a lock that a thread holding the GIL may wait for: taking the
   * GIL back while holding that lock would deadlock with it.
   *
   * @param <T> the type of what the wait gives
   * @param wait the blocking wait
   * @return what {@code wait} returned
   * @throws InterruptedException if the wait was interrupted (the GIL is taken back first)
   */
  public static <T> T blockOn(Wait<T> wait) throws InterruptedException {
    Gil gil = CURRENT.get();
    if (gil == null || !gil.isHeldByCurrentThread()) {
      return wait.await();
    }
    gil.release();
    try {
      return wait.await();
    } finally {
      gil.acquire();
    }
  }

  /**
   * {@link #blockOn} for a wait that an interrupt does not end ({@code acquireUninterruptibly},
   * a lock's {@code lock()}).
   *
   * @param wait the blocking wait, which an interrupt does not end
   */
  public static void blockOnUninterruptibly(Runnable wait) {
    Gil gil = CURRENT.get();
    if (gil == null || !gil.isHeldByCurrentThread()) {
      wait.run();
      return;
    }
    gil.release();
    try {
      wait.run();
    } finally {
      gil.acquire();
    }
  }

  /**
   * Whether the calling thread holds this GIL (always false when free-threaded).
   *
   * @return whether the calling thread holds this GIL
   */
  public boolean isHeldByCurrentThread() {
    if (!enabled) {
      return false;
    }
    mutex.lock();
    try {
      return locked && holder == Thread.currentThread();
    } finally {
      mutex.unlock();
    }
  }

  /**
   * The eval breaker: if another thread has asked for the GIL (its wait outlasted a switch
   * interval), drops it, waits until another thread has taken it, and takes it back. Otherwise,
   * and on a thread that does not hold the GIL, returns at once: the common case is one volatile
   * read.
   */
  public void checkpoint() {
    if (!dropRequest) {
      return;
    }
    Thread self = Thread.currentThread();
    mutex.lock();
    try {
      if (!locked || holder != self) {
        return;
      }
      drop(self);
      awaitSwitch(self);
      take(self);
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Takes the GIL for the calling thread, waiting as the class comment says: CPython's {@code
   * PyEval_RestoreThread}. Pair it with {@link #release()}; prefer {@link #released}. An
   * interrupt does not end the wait; the thread's interrupt status is kept.
   *
   * @throws IllegalStateException if the calling thread already holds it
   */
  public void acquire() {
    if (!enabled) {
      return;
    }
    Thread self = Thread.currentThread();
    mutex.lock();
    try {
      if (locked && holder == self) {
        throw new IllegalStateException(self.getName() + " already holds the GIL");
      }
      take(self);
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Gives the GIL up: CPython's {@code PyEval_SaveThread}. Pair it with {@link #acquire()}.
   *
   * @throws IllegalStateException if the calling thread does not hold it
   */
  public void release() {
    if (!enabled) {
      return;
    }
    Thread self = Thread.currentThread();
    mutex.lock();
    try {
      if (!locked || holder != self) {
        throw new IllegalStateException(self.getName() + " does not hold the GIL");
      }
      drop(self);
      if (dropRequest) {
        awaitSwitch(self); // CPython forces the switch on any drop while a request is pending
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * What the GIL has done so far; zeros for a free-threaded one.
   *
   * @return the GIL's counters so far
   */
  public GilStats stats() {
    mutex.lock();
    try {
      long holding = locked ? System.nanoTime() - takenAtNanos : 0;
      return counters.snapshot(holding);
    } finally {
      mutex.unlock();
    }
  }

  /** Waits for the GIL and takes it. Mutex held. */
  private void take(Thread self) {
    assert mutex.isHeldByCurrentThread();
    if (locked) {
      long start = System.nanoTime();
      counters.contendedTakes++;
      boolean interrupted = false;
      while (locked) {
        long seen = switchNumber;
        long left;
        try {
          left = released.awaitNanos(intervalNanos);
        } catch (InterruptedException e) {
          // Kept for after the wait; the GIL may have been dropped while this thread was being
          // interrupted (its signal then went to no one), so look again before waiting again.
          interrupted = true;
          continue;
        }
        if (left <= 0 && locked && switchNumber == seen && !dropRequest) {
          dropRequest = true;
          counters.dropRequests++;
        }
      }
      counters.waitNanos += System.nanoTime() - start;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    locked = true;
    if (holder != self) {
      // Only a change of holder counts as a switch: a thread that gives the GIL up around a
      // blocking call and takes it back does not reset a waiter's interval.
      holder = self;
      switchNumber++;
      counters.switches++;
    }
    counters.takes++;
    takenAtNanos = System.nanoTime();
    // The request was for whoever waited; this take answers it. A waiter still queued sets it
    // again once its own interval runs out.
    dropRequest = false;
    switched.signalAll();
  }

  /**
   * Forced switching, after {@code self} dropped the GIL with a request pending: stays off the
   * queue until another thread has taken the GIL, so that the dropper, still running, does not
   * take it straight back. As long as it takes: a request pending means a thread waits in {@link
   * #take}, which never gives up. Mutex held.
   */
  private void awaitSwitch(Thread self) {
    counters.forcedSwitches++;
    dropRequest = false;
    boolean interrupted = false;
    while (holder == self) {
      try {
        switched.await();
      } catch (InterruptedException e) {
        interrupted = true; // kept for after the wait, which goes on
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Gives the GIL up and wakes one waiter. Mutex held, by the holder. */
  private void drop(Thread self) {
    assert mutex.isHeldByCurrentThread() && locked && holder == self;
    locked = false;
    counters.holdNanos += System.nanoTime() - takenAtNanos;
    released.signal();
  }
}
