package io.execmodels.eventloop.cluster;

import io.execmodels.eventloop.EventEmitter;
import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.KeepAlive;
import io.execmodels.eventloop.net.HttpServer;
import io.execmodels.eventloop.net.TcpServer;
import io.execmodels.multiprocess.ParentLink;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * A worker's own side of the cluster: Node's {@code process.send}, {@code process.on("message")}
 * and {@code cluster.worker} in a worker. Events, on the worker's loop: {@code message} (message),
 * in the order the primary sent them; {@code error} (exception) when the primary refused a message
 * this worker sent; {@code disconnect} when the link closed.
 *
 * <p>The link keeps the loop alive while it is open, as Node's IPC channel does. When the primary
 * {@linkplain ClusterWorker#disconnect disconnects} it, the servers given to {@link #serve} are
 * closed (connections already queued for them and requests in flight are answered), the link
 * closes, and the loop ends when nothing else
 * holds it: the worker exits with its exit code. A link that ends without that (the primary died
 * or closed it) ends the loop at once with {@code process.exit(0)}, as Node's workers do.
 *
 * <p>Thread-safety: loop thread only.
 */
public final class WorkerProcess extends EventEmitter {

  private final EventLoop loop;
  private final ParentLink link;
  private final KeepAlive keepAlive;
  /** Loop only: what {@link #disconnect} closes. */
  private final List<Runnable> servers = new ArrayList<>();
  private boolean disconnecting;

  private WorkerProcess(EventLoop loop, Relay relay) throws IOException {
    this.loop = loop;
    this.keepAlive = loop.keepAlive();
    relay.worker = this;
    try {
      this.link = ParentLink.connect(relay);
    } catch (IOException | RuntimeException e) {
      keepAlive.close();
      throw e;
    }
  }

  /**
   * Connects this worker JVM to its primary; it is {@code online} there when this returns. Call
   * once, on the loop.
   *
   * @param loop this worker's loop, which the link keeps alive while it is open
   * @return this worker's side of the cluster
   * @throws IllegalStateException if this JVM is not a worker ({@link Cluster#isWorker()}), or
   *     off the loop
   * @throws UncheckedIOException if the primary cannot be reached
   */
  public static WorkerProcess connect(EventLoop loop) {
    Objects.requireNonNull(loop, "loop");
    if (!loop.inLoop()) {
      throw new IllegalStateException("WorkerProcess.connect must be called on the loop");
    }
    if (!Cluster.isWorker()) {
      throw new IllegalStateException("this JVM is not a cluster worker (no "
          + ParentLink.ENVIRONMENT_VARIABLE + ")");
    }
    try {
      return new WorkerProcess(loop, new Relay(loop));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to the primary: " + e.getMessage(), e);
    }
  }

  /**
   * This worker's id (Node's {@code cluster.worker.id}).
   *
   * @return the id the primary's {@link ClusterWorker#id()} has for it
   */
  public int id() {
    return link.id();
  }

  /**
   * Whether the link to the primary is open. Any thread.
   *
   * @return false once it disconnected, from either side
   */
  public boolean isConnected() {
    return link.isConnected();
  }

  /**
   * Sends {@code message} to the primary, where this worker's handle emits {@code message};
   * messages arrive in the order sent. Blocks while the socket's buffer is full.
   *
   * @param message a value the primary's allow-list accepts (see {@link
   *     ClusterSettings#process()})
   * @throws IllegalArgumentException if it is not serializable
   * @throws IllegalStateException if disconnected
   */
  public void send(Serializable message) {
    Objects.requireNonNull(message, "message");
    checkLoop();
    link.send(message);
  }

  /**
   * Registers {@code server} as one of this worker's listeners: the primary emits {@code
   * listening} with its address, and {@link #disconnect} closes it with {@link
   * HttpServer#closeGracefully()}: the connections the kernel queued for it and those whose
   * request was not read yet are answered too, since the other workers (a replacement, in a
   * rolling restart) keep the port.
   *
   * @param server a server of this worker's loop, listening (with {@code SO_REUSEPORT} to share
   *     the port with the other workers: {@link HttpServer#listenShared})
   * @return {@code server}
   */
  public HttpServer serve(HttpServer server) {
    serve(server.address(), server::closeGracefully);
    return server;
  }

  /**
   * {@link #serve(HttpServer)} for a TCP server, which {@link #disconnect} closes with {@link
   * TcpServer#closeAfterBacklog}: what the kernel queued for it is accepted first.
   *
   * @param server a server of this worker's loop, listening (with {@code SO_REUSEPORT} to share
   *     the port)
   * @return {@code server}
   */
  public TcpServer serve(TcpServer server) {
    serve(server.address(), () -> server.closeAfterBacklog(null));
    return server;
  }

  private void serve(InetSocketAddress address, Runnable close) {
    checkLoop();
    servers.add(close);
    link.send(Control.listening(address.getAddress().getHostAddress(), address.getPort()));
  }

  /**
   * Closes this worker's servers (requests in flight are finished) and then its link (Node's
   * {@code cluster.worker.disconnect()} in a worker); the loop then ends when nothing else holds
   * it. Idempotent.
   */
  public void disconnect() {
    checkLoop();
    if (disconnecting) {
      return;
    }
    disconnecting = true;
    for (Runnable close : servers) {
      close.run();
    }
    servers.clear();
    link.close();
  }

  private void disconnected() {
    keepAlive.close();
    emit("disconnect");
    if (!disconnecting) {
      loop.process().exit(0);
    }
  }

  private void checkLoop() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("a WorkerProcess is used on its loop only, not on "
          + Thread.currentThread());
    }
  }

  /** Hands the link's events to the loop, in arrival order. */
  private static final class Relay implements ParentLink.Listener {
    private final EventLoop loop;
    /** Set before the link connects, so before any event. */
    private WorkerProcess worker;

    Relay(EventLoop loop) {
      this.loop = loop;
    }

    @Override
    public void onMessage(Object message) {
      post(() -> {
        if (message instanceof Control c) {
          if (c.kind() == Control.Kind.DISCONNECT) {
            worker.disconnect();
          }
        } else {
          worker.emit("message", message);
        }
      });
    }

    @Override
    public void onRefused(String reason) {
      post(() -> worker.emit("error",
          new InvalidObjectException("the primary refused a message: " + reason)));
    }

    @Override
    public void onDisconnect() {
      post(() -> worker.disconnected());
    }

    private void post(Runnable task) {
      try {
        loop.execute(task);
      } catch (RejectedExecutionException closed) {
        // The worker's loop is closed: it is exiting, and the primary sees its exit.
        System.err.println("execmodels: cluster event after the worker's loop closed: " + closed);
      }
    }
  }
}
