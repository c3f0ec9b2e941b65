package io.execmodels.bench.cluster;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.cluster.Cluster;
import io.execmodels.eventloop.cluster.ClusterSettings;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.net.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The twin of the Node anchor's {@code server.js} with its {@code WORKERS}: with {@code
 * WORKERS=0} one {@link EventLoop} in this JVM serves {@code MODE} on 127.0.0.1:{@code PORT};
 * with {@code WORKERS=n} a {@link Cluster} forks n {@link ClusterHttpWorker}s (JVM options per
 * {@code WORKER_JIT}, see {@link WorkerJit}) that share the port. Prints {@code READY} once every
 * server listens; SIGTERM stops it (the cluster's own shutdown hook disconnects and reaps the
 * workers). Environment as the anchor's: {@code PORT}, {@code MODE} (hello|cpu), {@code
 * WORKERS}, {@code CPU_ITERS}.
 */
public final class ClusterHttpServer {

  private ClusterHttpServer() {}

  /** Runs until signalled. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    String mode = env.getOrDefault("MODE", "hello");
    String port = env.getOrDefault("PORT", "18080");
    int workers = Integer.parseInt(env.getOrDefault("WORKERS", "0"));
    EventLoop loop = new EventLoop();
    if (workers > 0) {
      loop.run(() -> {
        Cluster cluster = new Cluster(loop, ClusterSettings.of(ClusterHttpWorker.class)
            .withProcess(ClusterSettings.of(ClusterHttpWorker.class).process()
                .withJvmOptions(WorkerJit.options())));
        int[] listening = {0};
        cluster.on("listening", a -> {
          if (++listening[0] == workers) {
            System.out.println("READY");
            System.out.flush();
          }
        });
        for (int i = 0; i < workers; i++) {
          cluster.fork(Map.of("MODE", mode, "PORT", port,
              "CPU_ITERS", Integer.toString(ServerHandlers.cpuIterations())));
        }
      });
      loop.close();
      return;
    }
    HttpServer[] server = new HttpServer[1];
    CountDownLatch ended = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      loop.execute(() -> server[0].close());
      try {
        // The hook must not hold the JVM's exit for good if the loop is stuck.
        ended.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    try {
      loop.run(() -> {
        server[0] = HttpServer.listen(loop,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)),
            ServerHandlers.of(mode, ServerHandlers.cpuIterations()), HttpConfig.defaults());
        System.out.println("READY");
        System.out.flush();
      });
    } finally {
      ended.countDown();
    }
    loop.close();
  }
}
