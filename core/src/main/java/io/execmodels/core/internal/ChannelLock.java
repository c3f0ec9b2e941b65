package io.execmodels.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock of one channel: test-and-test-and-set, spinning briefly, then yielding the thread
 * between tries. Not reentrant.
 *
 * <p>Why not a {@code ReentrantLock}: a contended {@code ReentrantLock} soon parks its waiter, and
 * parking a virtual thread unmounts it and later resubmits it to the carrier pool, which costs
 * microseconds; a channel's critical sections cost tens of nanoseconds. In a ping-pong the two
 * sides meet on the same channel lock at every hand-off, and a park there costs more than the
 * hand-off itself. Go's runtime guards its channels with a spinning lock for the same reason.
 *
 * <p>What makes spinning safe: core never parks, blocks, or runs user code while it holds a
 * channel lock. It moves values and waiters, claims selections, and wakes fibers only after
 * unlocking (or through {@code unpark}, which never blocks). So a holder keeps running until it
 * unlocks, unless the operating system takes its thread away; hence the yield once the spin is
 * spent, which lets the holder run again when threads outnumber cores.
 *
 * <p>Memory ordering: {@link #lock} acquires with a volatile compare-and-set and {@link #unlock}
 * releases with a volatile write, so everything written under the lock happens-before whatever
 * the next holder reads, and both are synchronization actions (see {@code LiveSet} for why that
 * matters to the start-versus-shutdown argument).
 */
final class ChannelLock {
  /** About a microsecond of spinning: several critical sections' worth. */
  private static final int SPINS = 64;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(ChannelLock.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** 1 while held. */
  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  void lock() {
    if (!STATE.compareAndSet(this, 0, 1)) {
      lockContended();
    }
  }

  private void lockContended() {
    for (int tries = 1; ; tries++) {
      if (state == 0 && STATE.compareAndSet(this, 0, 1)) {
        return;
      }
      if (tries < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  void unlock() {
    state = 0;
  }
}
