package io.execmodels.eventloop.net;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.IoHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A listening TCP socket on an {@link EventLoop}: Node's {@code net.Server}. Each accepted
 * connection (TCP_NODELAY on, as Node's HTTP server sets it) is handed to the {@code
 * onConnection} function given to {@link #listen}, which returns the {@link TcpHandler} of its
 * events; the connection starts reading when that function returns.
 *
 * <p><b>Threads.</b> Not thread-safe: methods are called on the loop and throw {@link
 * IllegalStateException} elsewhere; {@code onConnection} runs on the loop, in the poll phase, with
 * the microtask checkpoint after it.
 *
 * <p><b>Errors.</b> A failed {@code accept} (too many open files, say) is never thrown out of the
 * loop: it goes to the {@linkplain #onError error handler} (by default logged at WARNING on logger
 * {@code io.execmodels}) and the server keeps listening.
 *
 * <p><b>Liveness.</b> A listening server keeps {@link EventLoop#run} from returning unless
 * {@link #unref()}'d; {@link #close} stops accepting, leaves the open connections alone (as Node
 * does), and lets {@code run} return once nothing else keeps the loop alive.
 */
public final class TcpServer {

  /** Node's default listen backlog. */
  private static final int BACKLOG = 511;
  /** Accepts per readiness event at most, so one busy listener cannot starve the others. */
  private static final int ACCEPTS_PER_EVENT = 128;

  private final EventLoop loop;
  private final ServerSocketChannel channel;
  private final Function<? super TcpConnection, ? extends TcpHandler> onConnection;
  private final Set<TcpConnection> connections = new LinkedHashSet<>();
  private final InetSocketAddress address;
  private IoHandle handle;
  private Consumer<Throwable> onError = e -> System.getLogger("io.execmodels")
      .log(System.Logger.Level.WARNING, "TCP accept failed", e);
  private long accepted;

  private TcpServer(EventLoop loop, ServerSocketChannel channel,
      Function<? super TcpConnection, ? extends TcpHandler> onConnection)
      throws IOException {
    this.loop = loop;
    this.channel = channel;
    this.onConnection = onConnection;
    this.address = (InetSocketAddress) channel.getLocalAddress();
  }

  /**
   * Listens on {@code address} (port 0: an ephemeral port, see {@link #port()}), synchronously
   * bound so the port is known on return. Loop only.
   *
   * @param onConnection called with each accepted connection; returns the handler of its events
   * @throws UncheckedIOException if the address cannot be bound (in use, say), naming it
   */
  public static TcpServer listen(EventLoop loop, InetSocketAddress address,
      Function<? super TcpConnection, ? extends TcpHandler> onConnection) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(onConnection, "onConnection");
    if (!loop.inLoop()) {
      throw new IllegalStateException("TcpServer.listen must be called on the loop, not on "
          + Thread.currentThread());
    }
    ServerSocketChannel ch = null;
    try {
      ch = ServerSocketChannel.open();
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(address, BACKLOG);
      TcpServer s = new TcpServer(loop, ch, onConnection);
      s.handle = loop.register(ch, SelectionKey.OP_ACCEPT, (h, ops) -> s.acceptAll());
      return s;
    } catch (IOException | UncheckedIOException failure) {
      IOException e =
          failure instanceof UncheckedIOException u ? u.getCause() : (IOException) failure;
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException again) {
          e.addSuppressed(again);
        }
      }
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /** {@link #listen(EventLoop, InetSocketAddress, Function)} on {@code host}:{@code port}. */
  public static TcpServer listen(EventLoop loop, String host, int port,
      Function<? super TcpConnection, ? extends TcpHandler> onConnection) {
    return listen(loop, new InetSocketAddress(host, port), onConnection);
  }

  private void acceptAll() {
    for (int i = 0; i < ACCEPTS_PER_EVENT && !handle.isClosed(); i++) {
      SocketChannel ch;
      try {
        ch = channel.accept();
      } catch (IOException e) {
        onError.accept(e);
        return;
      }
      if (ch == null) {
        return;
      }
      accepted++;
      TcpConnection c = new TcpConnection(loop, ch, this);
      TcpHandler h;
      try {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        connections.add(c);
        h = onConnection.apply(c);
        if (h == null) {
          throw new NullPointerException("onConnection returned no handler");
        }
        c.start(h);
      } catch (IOException | RuntimeException e) {
        connections.remove(c);
        try {
          ch.close();
        } catch (IOException again) {
          e.addSuppressed(again);
        }
        onError.accept(e);
      }
    }
  }

  void closed(TcpConnection c) {
    connections.remove(c);
  }

  /**
   * Sets what a failed accept is reported to (the default logs it). It runs on the loop; if it
   * throws, that is an uncaught exception of the loop.
   */
  public TcpServer onError(Consumer<Throwable> handler) {
    this.onError = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** The bound port (the ephemeral one chosen for port 0). */
  public int port() {
    return address.getPort();
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return address;
  }

  /** The accepted connections not closed yet, in accept order; a copy. Loop only. */
  public List<TcpConnection> connections() {
    checkLoop();
    return new ArrayList<>(connections);
  }

  /** Connections accepted so far. */
  public long acceptedCount() {
    return accepted;
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return handle.isClosed();
  }

  /** Makes the server keep the loop alive while listening (the default). Idempotent. */
  public TcpServer ref() {
    handle.ref();
    return this;
  }

  /** Makes the server stop keeping the loop alive (its connections still do). Idempotent. */
  public TcpServer unref() {
    handle.unref();
    return this;
  }

  /**
   * Stops accepting; open connections stay open. The port is free again by the time the close
   * callback of {@link #close(Runnable)} runs (NIO releases a registered socket when the selector
   * next polls, which happens before the close phase). Idempotent.
   */
  public void close() {
    close(null);
  }

  /**
   * {@link #close()}, then {@code onClose} (if not null) in this turn's close phase. A failure to
   * close the channel goes to the {@linkplain #onError error handler}.
   */
  public void close(Runnable onClose) {
    checkLoop();
    if (handle.isClosed()) {
      return;
    }
    try {
      handle.close(onClose);
    } catch (UncheckedIOException e) {
      onError.accept(e.getCause());
    }
  }

  private void checkLoop() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("a TcpServer is used on its loop only, not on "
          + Thread.currentThread());
    }
  }

  @Override
  public String toString() {
    return "TcpServer[" + address + (handle.isClosed() ? ", closed" : "") + "]";
  }
}
