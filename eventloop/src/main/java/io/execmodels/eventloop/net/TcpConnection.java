package io.execmodels.eventloop.net;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.IoHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One non-blocking TCP connection on an {@link EventLoop}: Node's {@code net.Socket}. Accepted by
 * a {@link TcpServer} or opened with {@link #connect}; its events go to a {@link TcpHandler}.
 *
 * <p><b>Threads.</b> Not thread-safe: every method is called on the loop (from a callback, or a
 * task holding the loop's turn) and throws {@link IllegalStateException} elsewhere. No method
 * blocks.
 *
 * <p><b>Writing and back-pressure.</b> {@link #write} writes what the socket takes at once and
 * queues a copy of the rest, in order; while bytes are queued the connection waits for {@code
 * OP_WRITE}, and only then. It returns false once {@link #pendingBytes()} reaches the high-water
 * mark (16 KiB unless {@linkplain #highWaterMark(int) set}), and {@link TcpHandler#onDrain}
 * follows when the queue has emptied: Node's {@code write()}/{@code 'drain'} contract. Writers that
 * keep their own buffer use {@link #tryWrite} and {@link #writeInterest} instead.
 *
 * <p><b>Closing.</b> {@link #end} half-closes (TCP FIN) once the queue is written; reading goes
 * on. {@link #close} closes at once, dropping queued bytes. When the peer has ended and so have
 * we, the connection closes by itself. I/O errors are never thrown out of the loop: they go to
 * {@link TcpHandler#onError} and the connection closes.
 *
 * <p><b>Liveness.</b> An open connection keeps {@link EventLoop#run} from returning unless
 * {@link #unref()}'d.
 */
public final class TcpConnection {

  private static final int DEFAULT_HIGH_WATER_MARK = 16 * 1024;
  /** One read buffer per loop thread, shared by all its connections: onData consumes it. */
  private static final ThreadLocal<ByteBuffer> READ_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

  private final EventLoop loop;
  private final SocketChannel channel;
  private final TcpServer server;
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private TcpHandler handler;
  private IoHandle handle;
  private int ops;
  private long pending;
  private int highWaterMark = DEFAULT_HIGH_WATER_MARK;
  private boolean connecting;
  private boolean paused;
  private boolean needDrain;
  private boolean writeInterest;
  private boolean readFirst;
  private boolean ending;
  private boolean outputShut;
  private boolean peerEnded;
  private boolean closed;
  private boolean refd = true;
  private Throwable error;
  private long bytesRead;
  private long bytesWritten;

  TcpConnection(EventLoop loop, SocketChannel channel, TcpServer server) {
    this.loop = loop;
    this.channel = channel;
    this.server = server;
  }

  /**
   * Opens a connection to {@code host}:{@code port} without blocking: {@link
   * TcpHandler#onConnect} follows once it is established, or {@link TcpHandler#onError} (a {@link
   * java.net.ConnectException} for a refused connection, say) and {@link TcpHandler#onClose}.
   * The name is resolved on the calling thread. Loop only.
   *
   * @param loop the loop that runs the connection and its handler
   * @param host the peer's host name or address literal
   * @param port the peer's TCP port
   * @param handler receives the connection's events, on the loop
   * @return the connection, still connecting
   * @throws UncheckedIOException if no socket can be opened or registered at all
   */
  public static TcpConnection connect(EventLoop loop, String host, int port, TcpHandler handler) {
    return connect(loop, new InetSocketAddress(host, port), handler);
  }

  /**
   * {@link #connect(EventLoop, String, int, TcpHandler)} to {@code address}. Loop only.
   *
   * @param loop the loop that runs the connection and its handler; not null
   * @param address the peer's address and port
   * @param handler receives the connection's events, on the loop
   * @return the connection, still connecting
   */
  public static TcpConnection connect(
      EventLoop loop, InetSocketAddress address, TcpHandler handler) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(handler, "handler");
    if (!loop.inLoop()) {
      throw new IllegalStateException("TcpConnection.connect must be called on the loop, not on "
          + Thread.currentThread());
    }
    SocketChannel ch;
    try {
      ch = SocketChannel.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a socket", e);
    }
    TcpConnection c = new TcpConnection(loop, ch, null);
    c.handler = handler;
    c.connecting = true;
    boolean now;
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      now = ch.connect(address);
    } catch (IOException | RuntimeException e) {
      // Reported in the next turn, as libuv defers a failed connect's callback.
      c.handle = c.registerClosedSafe();
      loop.deferToPending(() -> c.fail(e));
      return c;
    }
    c.ops = now ? 0 : SelectionKey.OP_CONNECT;
    try {
      c.handle = loop.register(ch, c.ops, c::ready);
    } catch (UncheckedIOException e) {
      try {
        ch.close();
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    if (now) {
      loop.deferToPending(c::connected);
    }
    return c;
  }

  /** Registers the channel with no interest so that close() has a handle to close. */
  private IoHandle registerClosedSafe() {
    try {
      return loop.register(channel, 0, this::ready);
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  /** For an accepted connection: starts reading, with {@code handler} getting the events. */
  void start(TcpHandler h) {
    this.handler = Objects.requireNonNull(h, "the connection handler");
    if (closed) {
      // Closed by onConnection itself: its onClose, already deferred, finds the handler.
      return;
    }
    handle = loop.register(channel, 0, this::ready);
    if (!refd) {
      handle.unref();
    }
    // What onConnection did first (pause, write, end) decides the interest.
    updateOps();
  }

  private void connected() {
    if (closed) {
      return;
    }
    connecting = false;
    updateOps();
    handler.onConnect(this);
    if (!closed && ending && !outputShut && queue.isEmpty()) {
      shutdown();
    }
  }

  /**
   * At most one event of the handler per readiness callback, so that the loop's microtask
   * checkpoint runs after each, as Node runs it after each of a stream's callbacks: what is still
   * ready (the selector is level-triggered) is seen again in the next poll.
   */
  private void ready(IoHandle h, int readyOps) {
    if (closed) {
      return;
    }
    if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
      try {
        channel.finishConnect();
      } catch (IOException e) {
        fail(e);
        return;
      }
      connected();
      return;
    }
    boolean writable = (readyOps & SelectionKey.OP_WRITE) != 0;
    boolean readable = (readyOps & SelectionKey.OP_READ) != 0;
    if (readable && (readFirst || !writable)) {
      readFirst = false;
      read();
      return;
    }
    if (writable && flush()) {
      // Both ready and the write side had its event: the read side goes first next time.
      readFirst = readable;
      return;
    }
    if (readable && !closed) {
      read();
    }
  }

  private void read() {
    if (paused || peerEnded) {
      return;
    }
    ByteBuffer buf = READ_BUFFER.get();
    buf.clear();
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      fail(e);
      return;
    }
    if (n < 0) {
      peerEnded = true;
      updateOps();
      handler.onEnd(this);
      if (outputShut && !closed) {
        close();
      }
    } else if (n > 0) {
      bytesRead += n;
      buf.flip();
      handler.onData(this, buf);
    }
  }

  /** Writes what is queued; whether it ran an event of the handler (or failed). */
  private boolean flush() {
    try {
      ByteBuffer b;
      while ((b = queue.peek()) != null) {
        int n = channel.write(b);
        pending -= n;
        bytesWritten += n;
        if (b.hasRemaining()) {
          break;
        }
        queue.poll();
      }
    } catch (IOException e) {
      fail(e);
      return true;
    }
    if (!queue.isEmpty()) {
      return false;
    }
    if (ending && !outputShut) {
      shutdown();
      if (closed) {
        return true;
      }
    }
    updateOps();
    if (needDrain || writeInterest) {
      needDrain = false;
      handler.onDrain(this);
      return true;
    }
    return false;
  }

  /**
   * Writes {@code data} (from its position to its limit), in order after what is queued: what
   * the socket does not take now is copied and queued, so the caller may reuse the buffer at
   * once. An error is reported to {@link TcpHandler#onError} in the next turn's pending phase.
   *
   * @param data the bytes to send, from its position to its limit; not null; free to reuse on
   *     return
   * @return false once {@link #pendingBytes()} reached the high-water mark: wait for {@link
   *     TcpHandler#onDrain} before writing more (the bytes are queued either way)
   * @throws IllegalStateException if {@link #end} or {@link #close} was called, or off the loop
   */
  public boolean write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    checkWritable();
    if (connecting || !queue.isEmpty() || error != null) {
      enqueue(data);
    } else {
      try {
        bytesWritten += channel.write(data);
      } catch (IOException e) {
        data.position(data.limit());
        reportLater(e);
        return false;
      }
      if (data.hasRemaining()) {
        enqueue(data);
      }
    }
    updateOps();
    boolean below = pending < highWaterMark;
    if (!below) {
      needDrain = true;
    }
    return below;
  }

  /**
   * {@link #write(ByteBuffer)} of {@code data}.
   *
   * @param data the bytes to send; not copied if the socket takes them all at once
   * @return false once {@link #pendingBytes()} reached the high-water mark (the bytes are queued
   *     either way)
   */
  public boolean write(byte[] data) {
    return write(ByteBuffer.wrap(data));
  }

  private void enqueue(ByteBuffer data) {
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    queue.add(copy);
    pending += copy.remaining();
  }

  /**
   * Writes as many bytes of {@code src} as the socket takes now, queuing nothing: {@code
   * SocketChannel.write} semantics, for writers with their own buffer ({@link #writeInterest}
   * tells them when to try again). Writes nothing while {@link #write} has bytes queued, so that
   * bytes go out in order.
   *
   * @param src the bytes to send, from its position; its position advances past those written
   * @return the number of bytes written, possibly 0
   * @throws IOException if the connection is broken (it is not closed by this call)
   * @throws IllegalStateException if {@link #end} or {@link #close} was called, or off the loop
   */
  public int tryWrite(ByteBuffer src) throws IOException {
    checkWritable();
    if (connecting || !queue.isEmpty()) {
      return 0;
    }
    int n = channel.write(src);
    bytesWritten += n;
    return n;
  }

  /**
   * Whether to call {@link TcpHandler#onDrain} whenever the socket is writable (with {@code
   * OP_WRITE} interest meanwhile), for {@link #tryWrite} users. Does nothing once closed.
   *
   * @param on true to be told of every writable moment, false to stop
   */
  public void writeInterest(boolean on) {
    checkLoop();
    writeInterest = on;
    updateOps();
  }

  /**
   * Half-closes: once the queued bytes are written the output is shut down (TCP FIN); reading
   * goes on, and when the peer ends too the connection closes. Idempotent.
   */
  public void end() {
    checkLoop();
    if (closed || ending) {
      return;
    }
    ending = true;
    if (queue.isEmpty() && !connecting) {
      shutdown();
    }
  }

  private void shutdown() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      reportLater(e);
      return;
    }
    outputShut = true;
    if (peerEnded) {
      close();
    } else {
      updateOps();
    }
  }

  /** Stops reading (no {@link TcpHandler#onData} until {@link #resume}): back-pressure. */
  public void pause() {
    checkLoop();
    paused = true;
    updateOps();
  }

  /** Reads again after {@link #pause}. */
  public void resume() {
    checkLoop();
    paused = false;
    updateOps();
  }

  /**
   * Closes both ways at once, dropping queued bytes; {@link TcpHandler#onClose} runs in this
   * turn's close phase. Idempotent.
   */
  public void close() {
    checkLoop();
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    pending = 0;
    if (server != null) {
      server.closed(this);
    }
    try {
      if (handle != null) {
        handle.close(() -> handler.onClose(this));
      } else {
        channel.close();
        loop.deferToPending(() -> handler.onClose(this));
      }
    } catch (UncheckedIOException | IOException e) {
      // The channel is released anyway; the failure to close it is worth no more than a log.
      System.getLogger("io.execmodels").log(System.Logger.Level.DEBUG, "closing " + this, e);
    }
  }

  /** Reports {@code e} and closes. */
  private void fail(Throwable e) {
    if (closed) {
      return;
    }
    if (error == null) {
      error = e;
    }
    try {
      handler.onError(this, e);
    } finally {
      close();
    }
  }

  private void reportLater(IOException e) {
    if (error == null) {
      error = e;
      loop.deferToPending(() -> fail(e));
    }
  }

  private void updateOps() {
    if (closed || handle == null) {
      return;
    }
    int want;
    if (connecting) {
      want = ops & SelectionKey.OP_CONNECT;
    } else {
      want = 0;
      if (!paused && !peerEnded) {
        want |= SelectionKey.OP_READ;
      }
      if (!outputShut && (!queue.isEmpty() || writeInterest)) {
        want |= SelectionKey.OP_WRITE;
      }
    }
    if (want != ops) {
      ops = want;
      handle.interestOps(want);
    }
  }

  private void checkWritable() {
    checkLoop();
    if (closed) {
      throw new IllegalStateException("write after close on " + this);
    }
    if (ending) {
      throw new IllegalStateException("write after end() on " + this);
    }
  }

  private void checkLoop() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("a TcpConnection is used on its loop only, not on "
          + Thread.currentThread());
    }
  }

  /**
   * Sets the high-water mark of {@link #write} (bytes, positive).
   *
   * @param bytes the mark, in bytes; positive
   * @return this connection
   * @throws IllegalArgumentException if {@code bytes} is not positive
   */
  public TcpConnection highWaterMark(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("highWaterMark must be positive: " + bytes);
    }
    highWaterMark = bytes;
    return this;
  }

  /**
   * Bytes queued by {@link #write}, not yet taken by the socket.
   *
   * @return the number of queued bytes; 0 when the queue is empty
   */
  public long pendingBytes() {
    return pending;
  }

  /**
   * Bytes delivered to {@link TcpHandler#onData} so far.
   *
   * @return the number of bytes read, in total
   */
  public long bytesRead() {
    return bytesRead;
  }

  /**
   * Bytes the socket took so far.
   *
   * @return the number of bytes written, in total
   */
  public long bytesWritten() {
    return bytesWritten;
  }

  /**
   * Makes the connection keep the loop alive (the default). Idempotent.
   *
   * @return this connection
   */
  public TcpConnection ref() {
    checkLoop();
    refd = true;
    if (handle != null && !closed) {
      handle.ref();
    }
    return this;
  }

  /**
   * Makes the connection stop keeping the loop alive. Idempotent.
   *
   * @return this connection
   */
  public TcpConnection unref() {
    checkLoop();
    refd = false;
    if (handle != null && !closed) {
      handle.unref();
    }
    return this;
  }

  /**
   * Whether it keeps the loop alive while open.
   *
   * @return true if it keeps the loop alive, false after {@link #unref()}
   */
  public boolean hasRef() {
    return refd;
  }

  /**
   * Whether {@link #close} was called (or the connection closed by itself).
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Whether the peer half-closed ({@link TcpHandler#onEnd} was called).
   *
   * @return true once the peer sent FIN
   */
  public boolean peerEnded() {
    return peerEnded;
  }

  /**
   * The first I/O error, the reason the connection closed; null if none.
   *
   * @return the error it closed on, or null
   */
  public Throwable error() {
    return error;
  }

  /**
   * The loop it runs on.
   *
   * @return the loop it belongs to
   */
  public EventLoop loop() {
    return loop;
  }

  /**
   * The peer's address, or null if not connected.
   *
   * @return the peer's address, or null if not connected (or closed)
   */
  public SocketAddress remoteAddress() {
    try {
      return channel.getRemoteAddress();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The local address, or null if not bound.
   *
   * @return the local address, or null if not bound (or closed)
   */
  public SocketAddress localAddress() {
    try {
      return channel.getLocalAddress();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "TcpConnection[" + localAddress() + " -> " + remoteAddress()
        + (closed ? ", closed" : "") + "]";
  }
}
