package io.execmodels.core.spi;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Scheduler#schedule} on one platform daemon thread, for models on the wall clock ({@link
 * System#nanoTime()}) that have no loop of their own to run timers on. The thread starts with the
 * first timer and ends with {@link #shutdown}. Actions due together run in deadline order, those
 * with equal deadlines in the order they were scheduled in; an action that throws is logged
 * (logger {@code io.execmodels}) and the others still run. A cancelled timer is dropped as soon as
 * the thread gets to it, without waiting for its deadline, so a model that arms and cancels many
 * timeouts holds no garbage. Thread-safe.
 *
 * <p><b>Why not a {@code ScheduledThreadPoolExecutor}.</b> Timers are armed by many tasks at once
 * ({@code sleep}, select timeouts, {@code withTimeout}): an executor's queue takes a lock shared
 * with its thread for every timer, and wakes its thread for every new earliest one. Here arming a
 * timer is one compare-and-set on a stack of new timers; only the thread touches the heap of
 * pending ones; and the thread is woken only by a timer due before the time it already means to
 * wake up at. A hundred thousand tasks sleeping a millisecond each then cost the thread a few
 * wake-ups, not a hundred thousand.
 *
 * <p><b>The hand-off.</b> A scheduler pushes its timer, then reads {@code wakeAt} (when the thread
 * will next look). The thread publishes {@code wakeAt}, then looks at the stack once more before it
 * parks. All are volatile, so either the thread sees the new timer, or the scheduler sees the time
 * the thread is about to park until and unparks it if its timer is due sooner.
 */
public final class TimerThread {
  private static final System.Logger LOG = System.getLogger("io.execmodels");
  private static final VarHandle ADDED;
  private static final VarHandle CANCELLED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      ADDED = lookup.findVarHandle(TimerThread.class, "added", Timer.class);
      CANCELLED = lookup.findVarHandle(TimerThread.class, "cancelled", Timer.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link #phase}: the thread is running and will look at both stacks before it parks. */
  private static final int AWAKE = 0;
  /** {@link #phase}: the thread parks until {@link #wakeAt}. */
  private static final int TIMED = 1;
  /** {@link #phase}: the thread parks until unparked. */
  private static final int IDLE = 2;

  private final String threadName;
  /** Timers scheduled and not yet taken by the thread, newest first (linked by {@code next}). */
  @SuppressWarnings("unused") // accessed through ADDED
  private volatile Timer added;
  /** Timers cancelled while pending, for the thread to drop (linked by {@code nextCancelled}). */
  @SuppressWarnings("unused") // accessed through CANCELLED
  private volatile Timer cancelled;
  private volatile int phase = AWAKE;
  /** When the thread wakes up by itself; meaningful while {@code phase} is {@code TIMED}. */
  private volatile long wakeAt;
  private volatile Thread thread;
  private volatile boolean shutdown;

  /**
   * Creates it; its thread, once started, is named {@code threadName}.
   *
   * @param threadName the name of the timer thread
   */
  public TimerThread(String threadName) {
    this.threadName = threadName;
  }

  /**
   * Runs {@code action} on the timer thread at or after {@code deadlineNanos} of {@link
   * System#nanoTime()}.
   *
   * @param deadlineNanos when to run it, a value of {@link System#nanoTime()}; a past one runs it
   *     soon
   * @param action what to run, on the timer thread; short, and never blocking
   * @return a handle that cancels the action if it has not started
   * @throws RejectedExecutionException after {@link #shutdown}
   */
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    Timer timer = new Timer(this, deadlineNanos, action);
    Thread t = thread;
    if (t == null) {
      t = start();
    }
    if (shutdown) {
      throw new RejectedExecutionException(threadName + " is shut down");
    }
    Timer head;
    do {
      head = added;
      timer.next = head;
    } while (!ADDED.compareAndSet(this, head, timer));
    if (shutdown && timer.cancel()) {
      // A shutdown came between the check above and the push: the thread may have looked at the
      // stack for the last time, so the timer could never fire. Whoever dropped it wins: here,
      // the caller learns it was refused; else the thread had taken it and fired it.
      throw new RejectedExecutionException(threadName + " is shut down");
    }
    int p = phase;
    if (p == IDLE || p == TIMED && deadlineNanos - wakeAt < 0) {
      LockSupport.unpark(t);
    }
    return timer;
  }

  private synchronized Thread start() {
    if (shutdown) {
      throw new RejectedExecutionException(threadName + " is shut down");
    }
    Thread t = thread;
    if (t == null) {
      t = new Thread(this::loop, threadName);
      t.setDaemon(true);
      t.start();
      thread = t;
    }
    return t;
  }

  /**
   * Drops pending timers and waits up to {@code grace} for the thread to end.
   *
   * @param grace how long to wait for the thread to end; not negative
   * @return whether it ended
   */
  public boolean shutdown(Duration grace) {
    Thread t;
    synchronized (this) {
      shutdown = true;
      t = thread;
    }
    if (t == null) {
      return true;
    }
    LockSupport.unpark(t);
    try {
      return t.join(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void loop() {
    Heap heap = new Heap();
    long scheduled = 0;
    while (!shutdown) {
      phase = AWAKE;
      // The stack holds the newest first: reversed, the batch numbers its timers in the order
      // they were scheduled, which breaks ties between equal deadlines.
      Timer oldest = null;
      for (Timer t = (Timer) ADDED.getAndSet(this, null), next; t != null; t = next) {
        next = t.next;
        t.next = oldest;
        oldest = t;
      }
      // Links are cleared as they are walked: a timer left in the heap for an hour must not keep
      // the rest of its batch (and the fibers their actions wake) reachable.
      for (Timer t = oldest, next; t != null; t = next) {
        next = t.next;
        t.next = null;
        if (!t.isCancelled()) {
          t.sequence = ++scheduled;
          heap.add(t);
        }
      }
      for (Timer t = (Timer) CANCELLED.getAndSet(this, null), next; t != null; t = next) {
        next = t.nextCancelled;
        t.nextCancelled = null;
        heap.remove(t);
      }
      long now = System.nanoTime();
      for (Timer t = heap.peek(); t != null && t.deadline - now <= 0; t = heap.peek()) {
        heap.remove(t);
        t.fire();
      }
      Timer first = heap.peek();
      if (first != null) {
        wakeAt = first.deadline;
        phase = TIMED;
      } else {
        phase = IDLE;
      }
      if (added != null || cancelled != null || shutdown) {
        continue;
      }
      if (first != null) {
        LockSupport.parkNanos(this, first.deadline - System.nanoTime());
      } else {
        LockSupport.park(this);
      }
    }
  }

  /** Puts {@code timer}, just cancelled while pending, on the stack for the thread to drop. */
  private void dropLater(Timer timer) {
    if (shutdown) {
      return; // the thread has dropped, or is dropping, every timer
    }
    Timer head;
    do {
      head = cancelled;
      timer.nextCancelled = head;
    } while (!CANCELLED.compareAndSet(this, head, timer));
    // The first cancellation since the thread last looked wakes it, so that cancelled timers
    // do not pile up until the next deadline; later ones find it awake or about to be.
    Thread t = thread;
    if (head == null && phase != AWAKE && t != null) {
      LockSupport.unpark(t);
    }
  }

  /** One timer: its action, deadline, state, and its place in the thread's heap. */
  private static final class Timer implements Cancellable {
    private static final int PENDING = 0;
    private static final int FIRED = 1;
    private static final int DROPPED = 2;
    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Timer.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final TimerThread owner;
    final long deadline;
    final Runnable action;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Links in the owner's stacks; written before the push that publishes them. */
    Timer next;
    Timer nextCancelled;
    /** Where it is in the heap, or -1; touched only by the timer thread. */
    int index = -1;
    /** Its place in the order timers were scheduled in; set and read by the timer thread. */
    long sequence;

    Timer(TimerThread owner, long deadline, Runnable action) {
      this.owner = owner;
      this.deadline = deadline;
      this.action = action;
    }

    @Override
    public boolean cancel() {
      // Read first: a sleeper cancels its timer after the timer woke it, and a failing
      // compare-and-set would still take the line exclusively from the timer thread.
      if (state == PENDING && STATE.compareAndSet(this, PENDING, DROPPED)) {
        owner.dropLater(this);
        return true;
      }
      return false;
    }

    boolean isCancelled() {
      return state == DROPPED;
    }

    /** Whether it runs before {@code other}: the earlier deadline, then the earlier scheduled. */
    boolean before(Timer other) {
      long d = deadline - other.deadline;
      return d < 0 || d == 0 && sequence < other.sequence;
    }

    /** Runs the action unless it was cancelled first; called by the timer thread. */
    void fire() {
      if (STATE.compareAndSet(this, PENDING, FIRED)) {
        try {
          action.run();
        } catch (RuntimeException | Error e) {
          LOG.log(Level.WARNING, "a timer action on " + owner.threadName + " failed", e);
        }
      }
    }
  }

  /**
   * A binary min-heap of timers by deadline (compared by difference, as {@link System#nanoTime()}
   * values must be) and then sequence, each timer knowing its index so that a cancelled one is removed in O(log n).
   * Touched only by the timer thread.
   */
  private static final class Heap {
    private Timer[] timers = new Timer[64];
    private int size;

    Timer peek() {
      return size == 0 ? null : timers[0];
    }

    void add(Timer t) {
      if (size == timers.length) {
        timers = Arrays.copyOf(timers, size * 2);
      }
      siftUp(size++, t);
    }

    /** Removes {@code t} if it is here. */
    void remove(Timer t) {
      int i = t.index;
      if (i < 0) {
        return;
      }
      t.index = -1;
      Timer last = timers[--size];
      timers[size] = null;
      if (last != t) {
        siftDown(i, last);
        if (timers[i] == last) {
          siftUp(i, last);
        }
      }
      if (size < timers.length / 4 && timers.length > 64) {
        timers = Arrays.copyOf(timers, timers.length / 2);
      }
    }

    private void siftUp(int i, Timer t) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        Timer p = timers[parent];
        if (!t.before(p)) {
          break;
        }
        place(i, p);
        i = parent;
      }
      place(i, t);
    }

    private void siftDown(int i, Timer t) {
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        Timer c = timers[child];
        int right = child + 1;
        if (right < size && timers[right].before(c)) {
          child = right;
          c = timers[child];
        }
        if (!c.before(t)) {
          break;
        }
        place(i, c);
        i = child;
      }
      place(i, t);
    }

    private void place(int i, Timer t) {
      timers[i] = t;
      t.index = i;
    }
  }
}
