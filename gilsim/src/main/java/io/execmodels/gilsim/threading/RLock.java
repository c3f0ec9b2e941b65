package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code threading.RLock}: a reentrant lock with an owner and a count. The owner may acquire it
 * again; it is free once released as many times as acquired; only the owner may release it.
 *
 * <p>A blocked acquire gives up the calling thread's GIL while it waits. Thread-safe.
 */
public final class RLock {
  private final ReentrantLock lock = new ReentrantLock();

  /** An unlocked lock. */
  public RLock() {}

  /**
   * Acquires the lock (again, if the caller owns it), waiting as long as it takes.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void acquire() throws InterruptedException {
    if (!lock.tryLock()) {
      Gil.blockOn(() -> {
        lock.lockInterruptibly();
        return null;
      });
    }
  }

  /**
   * Acquires the lock if it is free or owned by the caller: {@code acquire(blocking=False)}.
   *
   * @return whether it was acquired
   */
  public boolean tryAcquire() {
    return lock.tryLock();
  }

  /**
   * Acquires the lock, waiting at most {@code timeout}.
   *
   * @param timeout the longest to wait; not negative
   * @return whether it was acquired
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public boolean acquire(Duration timeout) throws InterruptedException {
    long nanos = Waits.nanos(timeout);
    return lock.tryLock() || Gil.blockOn(() -> lock.tryLock(nanos, TimeUnit.NANOSECONDS));
  }

  /**
   * Releases one level of the caller's ownership.
   *
   * @throws IllegalStateException if the caller does not own it ("cannot release un-acquired
   *     lock")
   */
  public void release() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("cannot release un-acquired lock");
    }
    lock.unlock();
  }

  /** Whether the caller may wait on or notify a {@link Condition} of this lock. */
  boolean isOwned() {
    return lock.isHeldByCurrentThread();
  }

  /** Releases it entirely, for a {@link Condition}'s wait; returns what {@link #restore} needs. */
  Object releaseAll() {
    int count = lock.getHoldCount();
    for (int i = 0; i < count; i++) {
      lock.unlock();
    }
    return count;
  }

  /**
   * Takes it back as {@link #releaseAll} left it, waiting as long as it takes; an interrupt does
   * not end that wait (a condition's waiter must hold the lock again), and is kept.
   */
  void restore(Object state) {
    int count = (Integer) state;
    if (!lock.tryLock()) {
      // Uninterruptibly: a condition's waiter must hold the lock again.
      Gil.blockOnUninterruptibly(lock::lock);
    }
    for (int i = 1; i < count; i++) {
      lock.lock(); // held already: returns at once
    }
  }
}
