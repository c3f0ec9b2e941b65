package io.execmodels.eventloop.net;

import java.nio.ByteBuffer;

/**
 * The events of one {@link TcpConnection}, Node's {@code net.Socket} events as methods. Every
 * method runs on the loop thread, in the poll phase (or the pending phase for errors found outside
 * a readiness callback, the close phase for {@link #onClose}), and the loop drains its {@code
 * nextTick} and microtask queues after each, as after any callback. A method that throws is an
 * uncaught exception of the loop.
 *
 * <p>Order for one connection: {@link #onConnect} (client connections only) first; then any
 * number of {@link #onData}, {@link #onDrain}; at most one {@link #onEnd}; at most one {@link
 * #onError}; exactly one {@link #onClose}, last.
 */
public interface TcpHandler {

  /**
   * A client connection is established (not called for accepted connections).
   *
   * @param connection the connection now established
   */
  default void onConnect(TcpConnection connection) {
  }

  /**
   * Bytes arrived. {@code data} is the loop's shared read buffer, valid only during the call:
   * copy what must outlive it.
   *
   * @param connection the connection the bytes came on
   * @param data the bytes, from its position to its limit; valid during the call only
   */
  void onData(TcpConnection connection, ByteBuffer data);

  /**
   * The peer half-closed its side (read returned end-of-stream): no more {@link #onData}. The
   * connection stays open for writing until {@link TcpConnection#end} or {@link
   * TcpConnection#close} (Node's {@code allowHalfOpen: true}); once both sides are shut it closes
   * by itself.
   *
   * @param connection the connection whose peer ended
   */
  default void onEnd(TcpConnection connection) {
  }

  /**
   * The socket can take bytes again: the write queue emptied after {@link TcpConnection#write}
   * returned false (Node's {@code 'drain'}), or the socket is writable while {@link
   * TcpConnection#writeInterest} is on.
   *
   * @param connection the connection that can take bytes
   */
  default void onDrain(TcpConnection connection) {
  }

  /**
   * An I/O error (connection refused or reset, broken pipe...). The connection closes right
   * after; {@link #onClose} follows, and {@link TcpConnection#error()} keeps the error. The
   * default logs it at WARNING on logger {@code io.execmodels}, so that no error goes unseen (Node
   * would raise an {@code 'error'} nobody listens to as an uncaught exception).
   *
   * @param connection the connection that failed
   * @param error what failed
   */
  default void onError(TcpConnection connection, Throwable error) {
    System.getLogger("io.execmodels").log(System.Logger.Level.WARNING,
        "TCP error on " + connection, error);
  }

  /**
   * The connection is closed and its channel released; the last event.
   *
   * @param connection the connection now closed
   */
  default void onClose(TcpConnection connection) {
  }
}
