package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code threading.Lock}: a lock with no owner and no reentrancy. Any thread may release it,
 * including one that did not acquire it; the holder that acquires it again waits (for good, if no
 * other thread releases it), and its {@link #tryAcquire()} returns false.
 *
 * <p>A blocked acquire gives up the calling thread's GIL while it waits. Thread-safe.
 */
public final class Lock {
  private final java.util.concurrent.Semaphore permit = new java.util.concurrent.Semaphore(1);

  /** An unlocked lock. */
  public Lock() {}

  /**
   * Acquires the lock, waiting as long as it takes: {@code acquire()}.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void acquire() throws InterruptedException {
    if (!permit.tryAcquire()) {
      Gil.blockOn(() -> {
        permit.acquire();
        return null;
      });
    }
  }

  /**
   * Acquires the lock if it is free: {@code acquire(blocking=False)}.
   *
   * @return whether it was acquired
   */
  public boolean tryAcquire() {
    return permit.tryAcquire();
  }

  /**
   * Acquires the lock, waiting at most {@code timeout}: {@code acquire(timeout=t)}.
   *
   * @param timeout the longest to wait; not negative
   * @return whether it was acquired
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public boolean acquire(Duration timeout) throws InterruptedException {
    long nanos = Waits.nanos(timeout);
    return permit.tryAcquire()
        || Gil.blockOn(() -> permit.tryAcquire(nanos, TimeUnit.NANOSECONDS));
  }

  /**
   * Releases the lock, from any thread.
   *
   * @throws IllegalStateException if it is not locked ("release unlocked lock")
   */
  public void release() {
    // The check and the release are one step: two releases racing must not both pass it.
    synchronized (permit) {
      if (permit.availablePermits() > 0) {
        throw new IllegalStateException("release unlocked lock");
      }
      permit.release();
    }
  }

  /**
   * Whether it is locked, by anyone.
   *
   * @return whether it is locked
   */
  public boolean locked() {
    return permit.availablePermits() == 0;
  }

  /** Whether the caller may wait on or notify a {@link Condition} of this lock. */
  boolean isOwned() {
    return locked();
  }

  /** Releases it entirely, for a {@link Condition}'s wait; returns what {@link #restore} needs. */
  Object releaseAll() {
    release();
    return null;
  }

  /**
   * Takes it back as {@link #releaseAll} left it, waiting as long as it takes; an interrupt does
   * not end that wait (a condition's waiter must hold the lock again), and is kept.
   */
  void restore(Object state) {
    if (!permit.tryAcquire()) {
      Gil.blockOnUninterruptibly(permit::acquireUninterruptibly);
    }
  }
}
