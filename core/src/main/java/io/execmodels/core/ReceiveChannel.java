package io.execmodels.core;

import java.util.Iterator;
import java.util.concurrent.CancellationException;

/**
 * The receiving side of a {@link Channel}: Go's {@code <-chan T}. A task that is handed only this
 * view can receive and iterate, not send or close. See {@link Channel} for order, close and
 * threading rules.
 *
 * @param <T> the type of the values
 */
public interface ReceiveChannel<T> extends Iterable<T> {
  /**
   * Receives a value, waiting until one is available. A suspension point.
   *
   * @return the value received (never null: a channel holds no nulls)
   * @throws ChannelClosedException if the channel is closed and drained
   * @throws CancellationException if the calling task is cancelled while waiting (nothing was then
   *     received)
   */
  T receive();

  /**
   * Receives a value, waiting until one is available or the channel is closed and drained, and
   * says which, as Go's {@code v, ok := <-ch} does: a closed channel is an answer here, not a
   * failure. A suspension point.
   *
   * @return the value with {@code ok} true, or {@link Received#closed()} once the channel is
   *     closed and drained
   * @throws CancellationException if the calling task is cancelled while waiting (nothing was then
   *     received)
   */
  default Received<T> receiveOk() {
    try {
      return Received.of(receive());
    } catch (ChannelClosedException closedAndDrained) {
      return Received.closed();
    }
  }

  /**
   * Receives a value if one is available without waiting.
   *
   * @return the value, or {@code null} if none is ready or the channel is closed and drained
   */
  T tryReceive();

  /**
   * Receives values until the channel is closed and drained ({@code for v := range ch}). {@code
   * hasNext()} is the suspension point.
   */
  @Override
  Iterator<T> iterator();

  /**
   * Whether the channel has been closed (by {@link SendChannel#close()}). Buffered values may
   * remain to be received.
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
