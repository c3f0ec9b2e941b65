package io.execmodels.bench.cluster;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.cluster.WorkerProcess;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.net.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A cluster worker of {@link ClusterHttpServer} and {@link ClusterLifecycle}: serves {@code
 * MODE} ({@code hello} or {@code cpu}, see {@link ServerHandlers}) on 127.0.0.1:{@code PORT} with
 * SO_REUSEPORT, as Node's workers share the primary's port; the message {@code "crash"} makes it
 * exit with status 1, as the anchor's workers do.
 */
public final class ClusterHttpWorker {

  private ClusterHttpWorker() {}

  /** Runs the worker until the primary disconnects it; exits with its loop's exit code. */
  public static void main(String[] args) {
    String mode = System.getenv().getOrDefault("MODE", "hello");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "18090"));
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      WorkerProcess w = WorkerProcess.connect(loop);
      w.on("message", a -> {
        if ("crash".equals(a[0])) {
          loop.process().exit(1);
        }
      });
      w.serve(HttpServer.listenShared(loop,
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          ServerHandlers.of(mode, ServerHandlers.cpuIterations()), HttpConfig.defaults()));
    });
    int code = loop.process().exitCode();
    loop.close();
    System.exit(code);
  }
}
