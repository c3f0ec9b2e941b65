package io.execmodels.gilsim;

import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.TaskBody;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A task of {@code gil-threads}: one platform thread, with a wake-up handshake so that an unpark
 * touches the thread only when it is parked, and a park that finds its wake-up already there
 * neither parks nor gives up the GIL.
 *
 * <p>States: {@code RUNNING} (no wake-up pending); {@code PARKED}, set by the fiber itself just
 * before {@link LockSupport#park}; {@code WOKEN}, a wake-up pending. An unpark is one swap to
 * {@code WOKEN}, and owes the thread a {@link LockSupport#unpark} only if it found {@code PARKED}.
 */
final class GilFiber implements Fiber {
  private static final int RUNNING = 0;
  private static final int PARKED = 1;
  private static final int WOKEN = 2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(GilFiber.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TaskBody body;
  /** Set before the thread starts; volatile for the unparker, which may be any thread. */
  volatile Thread thread;
  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  GilFiber(TaskBody body) {
    this.body = body;
  }

  @Override
  public TaskBody body() {
    return body;
  }

  /** Consumes a pending wake-up: whether there was one. */
  boolean takeWakeUp() {
    return (int) STATE.getOpaque(this) == WOKEN && STATE.compareAndSet(this, WOKEN, RUNNING);
  }

  /**
   * Parks the thread unless a wake-up came first; until {@code deadlineNanos} of {@link
   * System#nanoTime()} if {@code timed}.
   */
  void park(Object blocker, boolean timed, long deadlineNanos) {
    // An interrupt, and the park permit it leaves (an interrupt also unparks), would make every
    // park return at once and core's wait loop spin: suspension points ignore interrupts (the
    // TCK's rule), so both are set aside, the permit used up before the park is announced (a
    // real wake-up comes after that), and the status restored after.
    boolean interrupted = Thread.interrupted();
    if (interrupted) {
      LockSupport.parkNanos(1);
    }
    if (!STATE.compareAndSet(this, RUNNING, PARKED)) {
      state = RUNNING; // it was WOKEN: consumed
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    if (timed) {
      LockSupport.parkNanos(blocker, deadlineNanos - System.nanoTime());
    } else {
      LockSupport.park(blocker);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    // Whatever ended the park (a wake-up, the deadline, a spurious return), core re-checks its
    // condition, so a wake-up that arrived meanwhile has done its job.
    state = RUNNING;
  }

  /** Posts a wake-up, unparking the thread if it is parked. Any thread. */
  void unpark() {
    if ((int) STATE.getAndSet(this, WOKEN) == PARKED) {
      LockSupport.unpark(thread);
    }
  }
}
