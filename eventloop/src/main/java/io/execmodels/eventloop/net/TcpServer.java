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
 * loop, and does not spin it: the server stops accepting, and starts again when one of its
 * connections closes or after {@value #ACCEPT_PAUSE_MILLIS} ms, whichever comes first (the
 * pending clients wait in the kernel's backlog meanwhile). The first failure of each second goes
 * to the {@linkplain #onError error handler} (by default logged at WARNING on logger {@code
 * io.execmodels}), saying how many came since the last report; the others are only counted. A
 * default handler whose logging itself fails (a logger that needs a file descriptor to load its
 * data, at the descriptor limit) loses that one line, never the loop.
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
  /** How long accepting stays paused after a failed accept, unless a connection closes first. */
  static final long ACCEPT_PAUSE_MILLIS = 100;
  /** Accept failures are reported at most once in this many nanoseconds. */
  private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

  private IoHandle handle;
  private Consumer<Throwable> onError = TcpServer::logAcceptFailure;
  private long accepted;
  /** Accepting is paused after a failure: OP_ACCEPT is off until {@link #resumeAccepting}. */
  private boolean acceptPaused;
  private long lastReportNanos;
  private boolean reportedOnce;
  private long unreportedFailures;

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
   * @param loop the loop that runs the server and its connections
   * @param address the local address and port to bind; port 0 for an ephemeral one
   * @param onConnection called with each accepted connection; returns the handler of its events
   * @return the listening server
   * @throws UncheckedIOException if the address cannot be bound (in use, say), naming it
   */
  public static TcpServer listen(EventLoop loop, InetSocketAddress address,
      Function<? super TcpConnection, ? extends TcpHandler> onConnection) {
    return listen(loop, address, false, onConnection);
  }

  /**
   * {@link #listen(EventLoop, InetSocketAddress, Function)}, with {@code SO_REUSEPORT} if {@code
   * reusePort}: then every socket of this user bound to the same address and port with it (a
   * cluster's workers, each in its own process) listens at once, and the kernel spreads incoming
   * connections among them by a hash of each connection's addresses. This is not Node's default
   * for a cluster, where the primary accepts every connection and hands them round-robin to the
   * workers: here no process stands between a client and its worker, and a worker that dies only
   * loses the connections it had accepted. Loop only.
   *
   * @param loop the loop that runs the server and its connections; not null
   * @param address the local address and port to bind; port 0 for an ephemeral one
   * @param reusePort whether to set {@code SO_REUSEPORT}, to share the port with other sockets
   * @param onConnection called with each accepted connection; returns the handler of its events
   * @return the listening server
   * @throws UnsupportedOperationException if {@code reusePort} and the platform has no {@code
   *     SO_REUSEPORT}
   */
  public static TcpServer listen(EventLoop loop, InetSocketAddress address, boolean reusePort,
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
      if (reusePort) {
        ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
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

  /**
   * {@link #listen(EventLoop, InetSocketAddress, Function)} on {@code host}:{@code port}.
   *
   * @param loop the loop that runs the server and its connections
   * @param host the local host name or address to bind
   * @param port the local port; 0 for an ephemeral one
   * @param onConnection called with each accepted connection; returns the handler of its events
   * @return the listening server
   */
  public static TcpServer listen(EventLoop loop, String host, int port,
      Function<? super TcpConnection, ? extends TcpHandler> onConnection) {
    return listen(loop, new InetSocketAddress(host, port), onConnection);
  }

  private void acceptAll() {
    for (int i = 0; i < ACCEPTS_PER_EVENT && !handle.isClosed(); i++) {
      if (!acceptOne()) {
        return;
      }
    }
  }

  /**
   * Accepts one connection and hands it to {@code onConnection}; false if none was waiting or
   * accept failed (then reported, and accepting paused).
   */
  private boolean acceptOne() {
    SocketChannel ch;
    try {
      ch = channel.accept();
    } catch (IOException e) {
      acceptFailed(e);
      return false;
    }
    if (ch == null) {
      return false;
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
    return true;
  }

  void closed(TcpConnection c) {
    connections.remove(c);
    resumeAccepting(); // a descriptor was just freed: the likeliest moment an accept succeeds
  }

  /**
   * Pauses accepting, which keeps a listener whose accept fails (EMFILE) from waking the loop
   * again at once, for ever; reports the failure if none was reported in the last interval.
   */
  private void acceptFailed(IOException e) {
    if (!acceptPaused && !handle.isClosed()) {
      acceptPaused = true;
      handle.interestOps(0);
      loop.setTimeout(this::resumeAccepting, ACCEPT_PAUSE_MILLIS).unref();
    }
    long now = System.nanoTime();
    if (reportedOnce && now - lastReportNanos < REPORT_INTERVAL_NANOS) {
      unreportedFailures++;
      return;
    }
    reportedOnce = true;
    lastReportNanos = now;
    long earlier = unreportedFailures;
    unreportedFailures = 0;
    onError.accept(new IOException("accept failed on " + address + ": " + e.getMessage()
        + "; accepting paused until a connection closes or " + ACCEPT_PAUSE_MILLIS + " ms pass"
        + (earlier > 0 ? " (" + earlier + " more failures since the last report)" : ""), e));
  }

  private void resumeAccepting() {
    if (acceptPaused && !handle.isClosed()) {
      acceptPaused = false;
      handle.interestOps(SelectionKey.OP_ACCEPT);
    }
  }

  /**
   * The default error handler. At the descriptor limit, logging can fail too (a logger that
   * opens a file, such as the time-zone data, throws an {@code Error}): then the report goes to
   * {@code System.err}, already open, and if even that fails it is lost, never the loop.
   */
  private static void logAcceptFailure(Throwable e) {
    try {
      System.getLogger("io.execmodels").log(System.Logger.Level.WARNING, e.getMessage(), e);
    } catch (Throwable loggingFailed) {
      try {
        System.err.println("io.execmodels WARNING " + e.getMessage() + " (the logger failed: "
            + loggingFailed + ")");
      } catch (Throwable stderrFailed) {
        // Nothing is left to report with; the pause still protects the loop.
      }
    }
  }

  /**
   * Sets what a failed accept is reported to (the default logs it). It runs on the loop; if it
   * throws, that is an uncaught exception of the loop.
   *
   * @param handler called on the loop with each reported accept failure; not null
   * @return this server
   */
  public TcpServer onError(Consumer<Throwable> handler) {
    this.onError = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * The bound port (the ephemeral one chosen for port 0).
   *
   * @return the local port it listens on
   */
  public int port() {
    return address.getPort();
  }

  /**
   * The bound address.
   *
   * @return the local address and port it listens on
   */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * The accepted connections not closed yet, in accept order; a copy. Loop only.
   *
   * @return a new list of its open connections; empty if none
   */
  public List<TcpConnection> connections() {
    checkLoop();
    return new ArrayList<>(connections);
  }

  /**
   * Connections accepted so far.
   *
   * @return the number of connections accepted, in total
   */
  public long acceptedCount() {
    return accepted;
  }

  /**
   * Whether {@link #close} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return handle.isClosed();
  }

  /**
   * Makes the server keep the loop alive while listening (the default). Idempotent.
   *
   * @return this server
   */
  public TcpServer ref() {
    handle.ref();
    return this;
  }

  /**
   * Makes the server stop keeping the loop alive (its connections still do). Idempotent.
   *
   * @return this server
   */
  public TcpServer unref() {
    handle.unref();
    return this;
  }

  /**
   * Stops accepting; open connections stay open. The port is free again once the loop next polls
   * (NIO releases a registered socket then), or when {@link EventLoop#run} returns; that is
   * before the close callback of {@link #close(Runnable)} runs if this is called before the
   * poll phase of its turn, and after it otherwise. Connections the kernel queued for the socket
   * meanwhile are reset ({@link #closeAfterBacklog} accepts them instead). Idempotent.
   */
  public void close() {
    close(null);
  }

  /**
   * {@link #close()}, then {@code onClose} (if not null) in this turn's close phase. A failure to
   * close the channel goes to the {@linkplain #onError error handler}.
   *
   * @param onClose run once closed, in the close phase; null for nothing
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

  /**
   * {@link #close(Runnable)} for a listener whose port others keep listening on with {@code
   * SO_REUSEPORT} (a cluster worker replaced in a rolling restart): it first accepts every
   * connection the kernel has queued for this socket, handing each to {@code onConnection} as
   * usual, and closes only then. A plain close would lose them: Linux resets the connections
   * queued on a closing listener rather than moving them to another of the port's listeners
   * (unless {@code net.ipv4.tcp_migrate_req} is 1, Linux 5.14 on; it is 0 by default). The socket
   * is taken off the selector first and then drained and closed in one step, so that no
   * connection can be queued between the last accept and the close but in the few microseconds
   * between two system calls (the kernel's own window, which only that setting closes). The
   * server counts as closed at once ({@link #isClosed()}); {@code onClose} runs after the
   * socket is closed. A failed accept while draining is reported to the {@linkplain #onError
   * error handler} and ends the draining. Idempotent with {@link #close}.
   *
   * @param onClose runs once the socket is closed, or null
   */
  public void closeAfterBacklog(Runnable onClose) {
    checkLoop();
    if (handle.isClosed()) {
      return;
    }
    handle.detach(() -> {
      while (acceptOne()) {
        // Each pass takes one queued connection; the queue is bounded by the backlog.
      }
      try {
        channel.close(); // deregistered: the socket closes at once
      } catch (IOException e) {
        onError.accept(e);
      }
      if (onClose != null) {
        onClose.run();
      }
    });
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
