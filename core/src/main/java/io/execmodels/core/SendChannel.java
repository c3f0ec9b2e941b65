package io.execmodels.core;

import java.util.concurrent.CancellationException;

/**
 * The sending side of a {@link Channel}: Go's {@code chan<- T}. A task that is handed only this
 * view can send and close, not receive. See {@link Channel} for order, close and threading rules.
 *
 * @param <T> the type of the values
 */
public interface SendChannel<T> {
  /**
   * Sends a value, waiting while the buffer is full (or, unbuffered, until a receiver takes it).
   * A suspension point.
   *
   * @param value the value to send; not null
   * @throws NullPointerException if {@code value} is null
   * @throws ChannelClosedException if the channel is closed, before or while waiting
   * @throws CancellationException if the calling task is cancelled while waiting (the value was
   *     then not sent)
   */
  void send(T value);

  /**
   * Sends a value if that can be done without waiting: into free buffer space or to a waiting
   * receiver.
   *
   * @param value the value to send; not null
   * @return whether the value was sent
   * @throws NullPointerException if {@code value} is null
   * @throws ChannelClosedException if the channel is closed
   */
  boolean trySend(T value);

  /**
   * Closes the channel (see the class comment).
   *
   * @throws IllegalStateException if it is already closed
   */
  void close();

  /**
   * Whether {@link #close()} has been called. Buffered values may remain to be received.
   *
   * @return whether the channel is closed
   */
  boolean isClosed();

  /**
   * The number of values in the buffer now ({@code len(ch)}).
   *
   * @return how many values the buffer holds now; 0 for an unbuffered channel
   */
  int size();

  /**
   * The buffer size given at creation; 0 for an unbuffered channel ({@code cap(ch)}).
   *
   * @return the buffer size; 0 for an unbuffered channel
   */
  int capacity();
}
