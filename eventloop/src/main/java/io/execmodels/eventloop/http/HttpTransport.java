package io.execmodels.eventloop.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What {@link HttpConnection} needs from the byte stream under it: the TCP transport on the event
 * loop implements it over a non-blocking {@code SocketChannel} registered with a {@code Selector};
 * tests implement it in memory.
 *
 * <p>The connection calls these methods only on the thread that drives it (the thread that calls
 * its {@code on...} methods), except {@link #execute}, which it may call from any thread.
 */
public interface HttpTransport {

  /**
   * Writes as many bytes of {@code src} as the transport accepts now, without blocking, advancing
   * its position: {@code SocketChannel.write} semantics. Returning with bytes left is normal; the
   * connection then asks for {@link #setWriteInterest write interest}.
   *
   * @param src the bytes to write, from its position; its position advances past those written
   * @return the number of bytes written, possibly 0
   * @throws IOException if the stream is broken; the connection then closes itself
   */
  int write(ByteBuffer src) throws IOException;

  /**
   * Whether the connection wants {@link HttpConnection#onWritable()} called when the transport
   * can take more bytes ({@code OP_WRITE}). Called only when the wish changes.
   *
   * @param on true to be called when writable, false to stop
   */
  void setWriteInterest(boolean on);

  /**
   * Whether the connection wants bytes delivered to {@link HttpConnection#onRead}
   * ({@code OP_READ}); off is back-pressure (too many requests in flight or too many bytes
   * waiting to be written). Called only when the wish changes. Bytes delivered while off are
   * still accepted.
   *
   * @param on true to have bytes delivered, false to stop reading
   */
  void setReadInterest(boolean on);

  /**
   * Half-closes: no more bytes will be written (TCP FIN), reading goes on. The connection does
   * this after its last response, then discards input until the peer closes or the linger time
   * ends, so the peer reads that response rather than a reset.
   *
   * @throws IOException if the stream is broken; the connection then closes itself
   */
  void shutdownOutput() throws IOException;

  /** Closes the stream both ways and releases it; called exactly once. */
  void close();

  /**
   * Runs {@code task} later on the thread that drives the connection, never inside this call.
   * Handler completions come back through here. May be called from any thread, also after
   * {@link #close()} (the task then finds the connection closed and does nothing).
   *
   * @param task what to run on the connection's thread
   */
  void execute(Runnable task);
}
