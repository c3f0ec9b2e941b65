package io.execmodels.gilsim.asyncio;

/** {@code asyncio.QueueEmpty}: {@link Queue#getNowait} on an empty queue. */
public final class QueueEmpty extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the problem. */
  public QueueEmpty() {
    super("the queue is empty");
  }
}
