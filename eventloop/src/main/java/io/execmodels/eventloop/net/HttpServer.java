package io.execmodels.eventloop.net;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.http.BodyBudget;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpConnection;
import io.execmodels.eventloop.http.HttpHandler;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP/1.1 server on an {@link EventLoop}: a {@link TcpServer} whose connections each drive an
 * {@link HttpConnection} (Node's {@code http.createServer(handler).listen(port)}). Keep-alive,
 * pipelining, bodies, limits, bad input and timeouts are the {@link HttpConnection}'s: see its
 * contract and {@link HttpConfig}. The handler runs on the loop thread.
 *
 * <p><b>Threads.</b> Not thread-safe: methods are called on the loop and throw {@link
 * IllegalStateException} elsewhere.
 *
 * <p><b>Liveness.</b> While listening, and while connections are open, the server keeps {@link
 * EventLoop#run} from returning. {@link #close} stops accepting and ends every connection
 * gracefully (requests already read are answered, idle connections close at once: Node 19's
 * behaviour), so {@code run} returns once they are gone.
 */
public final class HttpServer {

  private final EventLoop loop;
  private final TcpServer tcp;
  private final Set<HttpTcpTransport> connections = new LinkedHashSet<>();
  private final BodyBudget bodyBudget;
  private boolean closing;
  /** {@link #closeGracefully} was called: connections accepted from now on are drained. */
  private boolean draining;

  private HttpServer(EventLoop loop, InetSocketAddress address, HttpHandler handler,
      HttpConfig config, boolean reusePort) {
    this.loop = loop;
    this.bodyBudget = new BodyBudget(config.maxBodyBytesInFlight());
    this.tcp = TcpServer.listen(loop, address, reusePort, c -> {
      HttpTcpTransport t = new HttpTcpTransport(this, c, handler, config);
      connections.add(t);
      if (draining) {
        t.drain(); // taken from the backlog by closeGracefully: its request is answered
      }
      t.schedule();
      return t;
    });
  }

  /**
   * Listens on every local address at {@code port} (0: ephemeral, see {@link #port()}) with
   * {@link HttpConfig#defaults()}. Loop only.
   *
   * @param loop the loop that runs the server and its handler
   * @param port the TCP port; 0 for an ephemeral one
   * @param handler answers each request, on the loop
   * @return the listening server
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static HttpServer listen(EventLoop loop, int port, HttpHandler handler) {
    return listen(loop, new InetSocketAddress(port), handler, HttpConfig.defaults());
  }

  /**
   * {@link #listen(EventLoop, int, HttpHandler)} with {@code config}.
   *
   * @param loop the loop that runs the server and its handler
   * @param port the TCP port; 0 for an ephemeral one
   * @param handler answers each request, on the loop
   * @param config the limits and timeouts of its connections
   * @return the listening server
   */
  public static HttpServer listen(EventLoop loop, int port, HttpHandler handler,
      HttpConfig config) {
    return listen(loop, new InetSocketAddress(port), handler, config);
  }

  /**
   * Listens on {@code address}; see {@link #listen(EventLoop, int, HttpHandler)}.
   *
   * @param loop the loop that runs the server and its handler; not null
   * @param address the local address and port to bind; port 0 for an ephemeral one
   * @param handler answers each request, on the loop
   * @param config the limits and timeouts of its connections
   * @return the listening server
   */
  public static HttpServer listen(EventLoop loop, InetSocketAddress address, HttpHandler handler,
      HttpConfig config) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(config, "config");
    return new HttpServer(loop, address, handler, config, false);
  }

  /**
   * Listens on {@code address} with {@code SO_REUSEPORT}, so that each worker of a cluster binds
   * the same port and the kernel spreads connections among them; see {@link
   * TcpServer#listen(EventLoop, InetSocketAddress, boolean, java.util.function.Function)} for how
   * this differs from Node's round-robin in the primary. Loop only.
   *
   * @param loop the loop that runs the server and its handler; not null
   * @param address the local address and port to bind, shared with other servers that set {@code
   *     SO_REUSEPORT}
   * @param handler answers each request, on the loop
   * @param config the limits and timeouts of its connections
   * @return the listening server
   */
  public static HttpServer listenShared(EventLoop loop, InetSocketAddress address,
      HttpHandler handler, HttpConfig config) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(config, "config");
    return new HttpServer(loop, address, handler, config, true);
  }

  /**
   * Listens on 127.0.0.1 (the loopback address) at {@code port}, with {@code config}.
   *
   * @param loop the loop that runs the server and its handler
   * @param port the TCP port; 0 for an ephemeral one
   * @param handler answers each request, on the loop
   * @param config the limits and timeouts of its connections
   * @return the listening server
   */
  public static HttpServer listenLoopback(EventLoop loop, int port, HttpHandler handler,
      HttpConfig config) {
    return listen(loop, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), handler,
        config);
  }

  void closed(HttpTcpTransport t) {
    connections.remove(t);
  }

  /**
   * The bound port.
   *
   * @return the local port it listens on (the one chosen if 0 was asked)
   */
  public int port() {
    return tcp.port();
  }

  /**
   * The bound address.
   *
   * @return the local address and port it listens on
   */
  public InetSocketAddress address() {
    return tcp.address();
  }

  /**
   * The TCP server under it, for its counters, {@code ref}/{@code unref} and error handler.
   *
   * @return the server that accepts its connections
   */
  public TcpServer tcp() {
    return tcp;
  }

  /**
   * The bytes of request bodies its connections are receiving now, against their budget.
   *
   * @return the budget its connections' request bodies share
   */
  public BodyBudget bodyBudget() {
    return bodyBudget;
  }

  /**
   * HTTP connections open now. Loop only.
   *
   * @return the number of its HTTP connections not yet closed
   */
  public int connectionCount() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("an HttpServer is used on its loop only");
    }
    return connections.size();
  }

  /**
   * Stops accepting and ends each open connection ({@link HttpConnection#shutdown()}): an idle
   * keep-alive connection closes at once, as in Node 19+; on a busy one, requests already read
   * are answered, the last with {@code Connection: close}, then it half-closes and closes.
   * Idempotent.
   */
  public void close() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("an HttpServer is used on its loop only");
    }
    if (closing) {
      return;
    }
    tcp.close();
    closing = true;
    for (HttpTcpTransport t : new ArrayList<>(connections)) {
      t.shutdown();
    }
  }

  /**
   * {@link #close()} for a server whose port others keep listening on with {@code SO_REUSEPORT}
   * (a cluster worker replaced in a rolling restart, or disconnected), so that no client that
   * reached this server goes unanswered: the connections the kernel queued for its socket are
   * accepted before it closes ({@link TcpServer#closeAfterBacklog}), and a connection whose
   * request has not been read yet gets it read and answered, with {@code Connection: close}
   * ({@link HttpConnection#drain()}), where {@link #close()} would close it as idle. Idle
   * keep-alive connections close at once and requests already read are answered, as with {@link
   * #close()}. Idempotent, and nothing once {@link #close()} was called.
   */
  public void closeGracefully() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("an HttpServer is used on its loop only");
    }
    if (closing) {
      return;
    }
    closing = true;
    draining = true;
    tcp.closeAfterBacklog(null);
    for (HttpTcpTransport t : new ArrayList<>(connections)) {
      t.drain();
    }
  }
}
