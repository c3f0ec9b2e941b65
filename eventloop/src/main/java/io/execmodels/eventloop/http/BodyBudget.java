package io.execmodels.eventloop.http;

/**
 * The bytes of request bodies being received by one server's connections, against {@link
 * HttpConfig#maxBodyBytesInFlight()}. Each {@link HttpConnection}'s parser reserves the room its
 * body buffer takes before it grows it, and gives it back once the request goes to the handler
 * or the connection ends. Confined to the loop thread, as the connections are.
 */
public final class BodyBudget {
  private final long max;
  private long used;

  /**
   * A budget of {@code max} bytes.
   *
   * @param max the most bytes the bodies may take at once; positive
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public BodyBudget(long max) {
    if (max <= 0) {
      throw new IllegalArgumentException("the body budget must be positive, was " + max);
    }
    this.max = max;
  }

  /** Takes {@code bytes} if that stays within the budget; whether it did. */
  boolean reserve(long bytes) {
    assert bytes >= 0;
    if (used + bytes > max) {
      return false;
    }
    used += bytes;
    return true;
  }

  /** Gives back {@code bytes} taken by {@link #reserve}. */
  void release(long bytes) {
    assert bytes >= 0 && bytes <= used;
    used -= bytes;
  }

  /**
   * The bytes taken now.
   *
   * @return the bytes reserved now; 0 if none
   */
  public long used() {
    return used;
  }

  /**
   * The budget.
   *
   * @return the most bytes the bodies may take at once
   */
  public long max() {
    return max;
  }
}
