package io.execmodels.gilsim.asyncio;

/** {@code asyncio.QueueFull}: {@link Queue#putNowait} on a full queue. */
public final class QueueFull extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * With a message naming the queue's size.
   *
   * @param maxsize the full queue's bound, named in the message
   */
  public QueueFull(int maxsize) {
    super("the queue is full (maxsize " + maxsize + ")");
  }
}
