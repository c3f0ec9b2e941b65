package io.execmodels.core;

import java.util.Iterator;
import java.util.concurrent.CancellationException;

/**
 * A Go channel: a typed conduit between tasks, unbuffered (each send meets a receive) or with a
 * fixed buffer. Created by {@link Ctx#channel(int)}.
 *
 * <p><b>Order.</b> Values from one sender are received in the order sent; every value is received
 * exactly once. Blocked senders and receivers are served first come, first served.
 *
 * <p><b>Close.</b> {@link #close()} ends the stream: later sends fail with {@link
 * ChannelClosedException}, senders blocked at the time fail the same way, and receivers first
 * drain the buffer, then see the channel closed ({@link #receive()} throws, {@link #tryReceive()}
 * returns {@code null}, iteration ends, a select receive case fires with {@code null}). Closing
 * twice throws {@link IllegalStateException}.
 *
 * <p><b>Values</b> are never {@code null}: a closed channel is told apart by {@code null}.
 *
 * <p><b>Threads.</b> Blocking operations ({@link #send}, {@link #receive}, iteration) are suspension
 * points and must be called from a task of the model that made the channel; elsewhere they throw
 * {@link IllegalStateException}. {@link #trySend}, {@link #tryReceive}, {@link #close()}, {@link
 * #size()} and {@link #capacity()} never block and may be called from any thread.
 *
 * @param <T> the type of the values
 */
public interface Channel<T> extends Iterable<T> {

  /**
   * Sends a value, waiting while the buffer is full (or, unbuffered, until a receiver takes it).
   * A suspension point.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws ChannelClosedException if the channel is closed, before or while waiting
   * @throws CancellationException if the calling task is cancelled while waiting (the value was
   *     then not sent)
   */
  void send(T value);

  /**
   * Receives a value, waiting until one is available. A suspension point.
   *
   * @throws ChannelClosedException if the channel is closed and drained
   * @throws CancellationException if the calling task is cancelled while waiting (nothing was then
   *     received)
   */
  T receive();

  /**
   * Sends a value if that can be done without waiting: into free buffer space or to a waiting
   * receiver.
   *
   * @return whether the value was sent
   * @throws NullPointerException if {@code value} is null
   * @throws ChannelClosedException if the channel is closed
   */
  boolean trySend(T value);

  /**
   * Receives a value if one is available without waiting.
   *
   * @return the value, or {@code null} if none is ready or the channel is closed and drained
   */
  T tryReceive();

  /**
   * Closes the channel (see the class comment).
   *
   * @throws IllegalStateException if it is already closed
   */
  void close();

  /** Whether {@link #close()} has been called. Buffered values may remain to be received. */
  boolean isClosed();

  /** The number of values in the buffer now ({@code len(ch)}). */
  int size();

  /** The buffer size given at creation; 0 for an unbuffered channel ({@code cap(ch)}). */
  int capacity();

  /**
   * Receives values until the channel is closed and drained ({@code for v := range ch}). {@code
   * hasNext()} is the suspension point.
   */
  @Override
  Iterator<T> iterator();
}
