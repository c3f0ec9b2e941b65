package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code threading.Semaphore}: a counter that {@link #acquire()} decrements, waiting while it is
 * zero, and {@link #release(int)} increments, without bound (see {@link BoundedSemaphore}).
 *
 * <p>A blocked acquire gives up the calling thread's GIL while it waits. Thread-safe.
 */
public sealed class Semaphore permits BoundedSemaphore {
  final java.util.concurrent.Semaphore permits;

  /**
   * A semaphore at {@code value}.
   *
   * @param value the initial counter; not negative
   * @throws IllegalArgumentException if {@code value} is negative ("semaphore initial value must
   *     be >= 0")
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("semaphore initial value must be >= 0, was " + value);
    }
    this.permits = new java.util.concurrent.Semaphore(value, true);
  }

  /** A semaphore at 1, as {@code Semaphore()}. */
  public Semaphore() {
    this(1);
  }

  /**
   * Decrements the counter, waiting while it is zero.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void acquire() throws InterruptedException {
    if (!permits.tryAcquire()) {
      Gil.blockOn(() -> {
        permits.acquire();
        return null;
      });
    }
  }

  /**
   * Decrements the counter if it is above zero: {@code acquire(blocking=False)}.
   *
   * @return whether it was decremented
   */
  public boolean tryAcquire() {
    return permits.tryAcquire();
  }

  /**
   * Decrements the counter, waiting at most {@code timeout} while it is zero.
   *
   * @param timeout the longest to wait; not negative
   * @return whether it was decremented
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public boolean acquire(Duration timeout) throws InterruptedException {
    long nanos = Waits.nanos(timeout);
    return permits.tryAcquire()
        || Gil.blockOn(() -> permits.tryAcquire(nanos, TimeUnit.NANOSECONDS));
  }

  /**
   * Increments the counter by {@code n}, waking as many waiters.
   *
   * @param n how much to add; at least 1
   * @throws IllegalArgumentException if {@code n} is below one ("n must be one or more")
   */
  public void release(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be one or more, was " + n);
    }
    permits.release(n);
  }

  /** Increments the counter by one. */
  public void release() {
    release(1);
  }
}
