package io.execmodels.eventloop;

/**
 * What {@link EventLoop#run} ends with when a callback threw, or a promise was rejected with no
 * handler, and no handler for it was configured ({@link LoopOptions}). The cause is that failure,
 * as is.
 */
public final class EventLoopException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EventLoopException(String message, Throwable cause) {
    super(message, cause);
  }
}
