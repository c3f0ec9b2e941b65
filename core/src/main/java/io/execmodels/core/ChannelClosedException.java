package io.execmodels.core;

/**
 * Thrown by a send on a closed channel (Go panics with "send on closed channel"), and by a
 * receive on a channel that is closed and drained.
 */
public final class ChannelClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates it with a message saying which operation met the closed channel.
   *
   * @param message says which operation met the closed channel
   */
  public ChannelClosedException(String message) {
    super(message);
  }
}
