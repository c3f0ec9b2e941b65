package io.execmodels.gilsim.asyncio;

/**
 * {@code asyncio.BoundedSemaphore}: a {@link Semaphore} whose value may not go above its start.
 * Not thread-safe: for tasks of one model, like asyncio's.
 */
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /**
   * A semaphore holding {@code value} permits, which a release may never raise above.
   *
   * @param value the initial permits, and the most there may be; not negative
   * @throws IllegalArgumentException {@code Semaphore initial value must be >= 0} (ValueError)
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.bound = value;
  }

  /**
   * Puts one unit back.
   *
   * @throws IllegalArgumentException {@code BoundedSemaphore released too many times}
   *     (ValueError), if the value is at its start
   */
  @Override
  public void release() {
    if (value >= bound) {
      throw new IllegalArgumentException("BoundedSemaphore released too many times");
    }
    super.release();
  }
}
