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
 * <p><b>Wake-ups after unlocking.</b> An operation that completes a waiting task's selection under
 * the lock does not wake the task there: a task woken while the lock is still held would run
 * straight into it and spin. It {@linkplain #deferWake defers} the wake-up to the lock, and the
 * holder leaves with {@link #unlockThenWake}, which releases the lock and then wakes: the pattern
 * every operation shares (lock, operate, unlock, wake) is written here once.
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
  /** The selection to wake once the lock is released; guarded by the lock. */
  private Selection toWake;

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

  /**
   * With the lock held: has {@link #unlockThenWake} wake {@code s}. One wake-up is deferred per
   * locked section (the usual section completes one selection); returns false, deferring nothing,
   * if one already is: the caller wakes {@code s} itself, which is safe under the lock, as an
   * unpark never blocks.
   */
  boolean deferWake(Selection s) {
    assert (int) STATE.getOpaque(this) == 1 : "deferWake without the lock";
    if (toWake != null) {
      return false;
    }
    toWake = s;
    return true;
  }

  /** Releases the lock, then wakes the selection {@linkplain #deferWake deferred}, if any. */
  void unlockThenWake() {
    Selection s = toWake;
    if (s == null) {
      state = 0;
      return;
    }
    toWake = null;
    state = 0;
    s.wake();
  }

  /** Releases the lock, which must have no wake-up deferred: that would be lost. */
  void unlock() {
    assert toWake == null : "a deferred wake-up dropped by unlock()";
    state = 0;
  }
}
