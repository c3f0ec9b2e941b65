package io.execmodels.gilsim.threading;

/**
 * {@code threading.BoundedSemaphore}: a {@link Semaphore} that refuses to rise above its initial
 * value, which catches a release with no matching acquire. Thread-safe.
 */
public final class BoundedSemaphore extends Semaphore {
  private final int initial;

  /**
   * A bounded semaphore at, and bounded by, {@code value}.
   *
   * @param value the initial counter, and the most it may reach; not negative
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.initial = value;
  }

  /** A bounded semaphore at 1. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * Increments the counter by {@code n}.
   *
   * @throws IllegalArgumentException if that would take it above its initial value ("Semaphore
   *     released too many times"), or {@code n} is below one
   */
  @Override
  public void release(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be one or more, was " + n);
    }
    // The check and the release are one step: two releases racing must not both pass it.
    synchronized (permits) {
      if ((long) permits.availablePermits() + n > initial) {
        throw new IllegalArgumentException("Semaphore released too many times");
      }
      permits.release(n);
    }
  }
}
