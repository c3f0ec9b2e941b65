package io.execmodels.core.spi;

import io.execmodels.core.internal.Drain;
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
 * around a park (spinning first, giving up a processor permit...).
 *
 * <p><b>Wake-up handshake.</b> Each fiber has a state, so that an unpark touches the thread only
 * when it is parked and a park can first look for a wake-up cheaply ({@link #pollWakeUp}):
 *
 * <ul>
 *   <li>{@code RUNNING}: no wake-up pending. Only the fiber moves it to {@code PARKED}, by a CAS
 *       just before {@link LockSupport#park}, after it has published its thread.
 *   <li>{@code PARKED}: the thread is in, or about to enter, {@code LockSupport.park}. An unpark
 *       that swaps this for {@code WOKEN} owes it a {@link LockSupport#unpark}.
 *   <li>{@code WOKEN}: a wake-up is pending; the fiber's next park consumes it and returns.
 * </ul>
 *
 * <p>An unpark is one atomic swap to {@code WOKEN}; it unparks the thread only if the swap found
 * {@code PARKED}, so a running fiber is not disturbed and no stray permit is left to cut its next
 * park short. A park that ends sets {@code RUNNING} whatever ended it: a wake-up that came during
 * the park ended that park, and core re-checks its condition after every park, so nothing is lost
 * (see {@link Scheduler}'s contract).
 *
 * <p><b>Counting.</b> Starts and ends are counted (one atomic add each, no set of threads), so
 * that {@link #close} can wait for the last body. A start raises the count and then reads the
 * closed flag; a close sets the flag and then waits for the count: either the start is refused
 * or the close waits for it.
 *
 * <p>Thread-safe. {@link #pollWakeUp}, {@link #park} and {@link #parkUntil} are called by a fiber
 * on itself; the rest from any thread.
 */
public final class VirtualThreadFibers {

  private static final int RUNNING = 0;
  private static final int PARKED = 1;
  private static final int WOKEN = 2;
  private static final ThreadLocal<VirtualFiber> CURRENT = new ThreadLocal<>();
  /** Thread-safe, unlike a builder: one for every start rather than a builder each. */
  private static final ThreadFactory VIRTUAL_THREADS = Thread.ofVirtual().factory();

  private final String owner;
  private final Drain live = new Drain();
  private volatile boolean closed;

  /**
   * @param owner names the scheduler in the message of a refused start
   */
  public VirtualThreadFibers(String owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /**
   * Starts a virtual thread running {@code body} as a fiber of this instance. The thread is named
   * {@code name} if it is not {@code null}.
   *
   * @throws RejectedExecutionException once {@link #close} has been called
   */
  public Fiber start(String name, Runnable body) {
    return start(name, body, null);
  }

  /**
   * Like {@link #start(String, Runnable)}, with the thread running {@code around.accept(body)}:
   * for what a scheduler does before and after each body (taking and giving back a processor).
   * The fiber's {@link Fiber#body()} is still {@code body}.
   *
   * @throws RejectedExecutionException once {@link #close} has been called
   */
  public Fiber start(String name, Runnable body, Consumer<Runnable> around) {
    VirtualFiber fiber = new VirtualFiber(this, body, name, around);
    live.increment();
    if (closed) {
      live.decrement();
      throw new RejectedExecutionException(owner + " is shut down");
    }
    try {
      VIRTUAL_THREADS.newThread(fiber).start();
    } catch (RuntimeException | Error e) {
      live.decrement();
      throw e;
    }
    return fiber;
  }

  /** The fiber of this instance running the calling code, or {@code null}. */
  public Fiber current() {
    VirtualFiber fiber = CURRENT.get();
    return fiber != null && fiber.owner == this ? fiber : null;
  }

  /** Consumes the current fiber's pending wake-up, if there is one: whether there was. */
  public boolean pollWakeUp() {
    return CURRENT.get().pollWakeUp();
  }

  /** Parks the current fiber until unparked (or spuriously), unless a wake-up is pending. */
  public void park(Object blocker) {
    VirtualFiber self = CURRENT.get();
    if (self.announcePark()) {
      LockSupport.park(blocker);
      self.parkEnded();
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
   * TimerThread} is woken only by a deadline earlier than the one it waits for. Once {@code
   * timers} is shut down (the scheduler closing, with tasks that never stopped), the fiber falls
   * back on {@code parkNanos}, so a timed park never fails.
   */
  public void parkUntil(Object blocker, long deadlineNanos, TimerThread timers) {
    VirtualFiber self = CURRENT.get();
    Cancellable timer;
    try {
      timer = timers.schedule(deadlineNanos, () -> unpark(self));
    } catch (RejectedExecutionException shutDown) {
      if (self.announcePark()) {
        LockSupport.parkNanos(blocker, deadlineNanos - System.nanoTime());
        self.parkEnded();
      }
      return;
    }
    if (self.announcePark()) {
      LockSupport.park(blocker);
      self.parkEnded();
    }
    timer.cancel();
  }

  /** Wakes {@code fiber} from its current or next park. Any thread. */
  public void unpark(Fiber fiber) {
    VirtualFiber f = (VirtualFiber) fiber;
    if (f.wakeUp()) {
      // PARKED is set by the thread itself, after it published itself in thread.
      LockSupport.unpark(f.thread);
    }
  }

  /**
   * Refuses further starts and waits up to {@code timeoutNanos} for every started body to return,
   * ignoring interrupts (and restoring the flag).
   *
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
    private final Runnable body;
    private final String name;
    private final Consumer<Runnable> around;
    volatile Thread thread;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    VirtualFiber(
        VirtualThreadFibers owner, Runnable body, String name, Consumer<Runnable> around) {
      this.owner = owner;
      this.body = body;
      this.name = name;
      this.around = around;
    }

    @Override
    public Runnable body() {
      return body;
    }

    @Override
    public void run() {
      try {
        Thread self = Thread.currentThread();
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

    void parkEnded() {
      state = RUNNING;
    }

    /** Posts a wake-up; whether the thread was parked, so the caller must unpark it. */
    boolean wakeUp() {
      return (int) STATE.getAndSet(this, WOKEN) == PARKED;
    }
  }
}
