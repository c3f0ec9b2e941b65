package io.execmodels.examples;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.cluster.Cluster;
import io.execmodels.eventloop.cluster.ClusterSettings;
import io.execmodels.eventloop.cluster.RestartPolicy;
import io.execmodels.eventloop.cluster.WorkerProcess;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpResponse;
import io.execmodels.eventloop.net.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One HTTP service run as a single event loop, or as a cluster of N event loops in N worker JVMs
 * sharing its port, as a Node program is with {@code cluster}: {@code java ... HelloCluster
 * [--port P] [--cluster N]}. Without {@code --cluster} it serves on its own loop; with it, this
 * JVM is the primary: it forks N workers running this same {@code main} (with the same
 * arguments), each serving on the port with {@code SO_REUSEPORT}, and restarts one that crashes.
 * Each answer names the process that served it. SIGTERM ends it; a primary's workers then finish
 * what they are serving and exit with it.
 */
public final class HelloCluster {

  private HelloCluster() {}

  /** Serves until the process is stopped; see the class comment for the arguments. */
  public static void main(String[] args) {
    int port = 8080;
    int workers = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--cluster" -> workers = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; usage: HelloCluster [--port P] [--cluster N]");
      }
    }
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    int n = workers;
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      if (Cluster.isWorker()) {
        // A worker: the same service, on the shared port; the primary hears it listen.
        WorkerProcess.connect(loop).serve(listen(loop, address, true));
      } else if (n > 0) {
        Cluster cluster = new Cluster(loop,
            ClusterSettings.of(HelloCluster.class, args).withRestart(RestartPolicy.defaults()));
        cluster.on("listening", a -> System.out.println(a[0] + " listening on " + a[1]));
        cluster.on("exit", a -> System.out.println(a[0] + " exited: " + a[1] + " " + a[2]));
        for (int i = 0; i < n; i++) {
          cluster.fork();
        }
      } else {
        HttpServer server = listen(loop, address, false);
        System.out.println("pid " + ProcessHandle.current().pid() + " listening on "
            + server.address().getAddress().getHostAddress() + ":" + server.port());
      }
    });
    loop.close();
  }

  /** The service: {@code hello from pid N}. */
  private static HttpServer listen(EventLoop loop, InetSocketAddress address, boolean shared) {
    String hello = "hello from pid " + ProcessHandle.current().pid() + "\n";
    HttpHandler handler = HttpHandler.sync(request -> HttpResponse.text(200, hello));
    return shared ? HttpServer.listenShared(loop, address, handler, HttpConfig.defaults())
        : HttpServer.listen(loop, address, handler, HttpConfig.defaults());
  }
}
