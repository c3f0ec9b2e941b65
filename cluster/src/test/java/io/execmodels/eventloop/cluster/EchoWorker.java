package io.execmodels.eventloop.cluster;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpResponse;
import io.execmodels.eventloop.net.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The entry point of the tests' workers. It answers a message {@code "ping N"} with {@code "pong
 * N"} and echoes any other message; with {@code SERVE_PORT} set it serves HTTP on 127.0.0.1 at
 * that port (0: ephemeral) with {@code SO_REUSEPORT}, answering each request with its pid; with
 * {@code STUBBORN} set it keeps its loop alive for good (a timer), so only a kill ends it; with
 * {@code CRASH} set it exits with status 3 as soon as it is online. {@code CRASH_IF_EXISTS} and
 * {@code DEAF_IF_EXISTS} name files: if the first exists when it starts, it crashes so before it
 * serves; if the
 * second does, it does not serve HTTP (and stays up): a test turns a worker's replacements bad.
 */
public final class EchoWorker {
  private EchoWorker() {}

  /** Runs one worker; exits with its loop's exit code. */
  public static void main(String[] args) {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      WorkerProcess w = WorkerProcess.connect(loop);
      w.on("message", a -> {
        Object m = a[0];
        w.send(m instanceof String s && s.startsWith("ping ") ? "pong " + s.substring(5)
            : (java.io.Serializable) m);
      });
      if (exists("CRASH_IF_EXISTS")) {
        loop.process().exit(3); // before it serves: a replacement that never listens
        return;
      }
      String port = System.getenv("SERVE_PORT");
      if (port != null && !exists("DEAF_IF_EXISTS")) {
        String pid = Long.toString(ProcessHandle.current().pid());
        w.serve(HttpServer.listenShared(loop,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)),
            HttpHandler.sync(r -> HttpResponse.text(200, pid)), HttpConfig.defaults()));
      }
      if (System.getenv("CRASH") != null) {
        loop.process().exit(3);
      }
      if (System.getenv("STUBBORN") != null) {
        loop.setInterval(() -> { }, 60_000);
      }
    });
    int code = loop.process().exitCode();
    loop.close();
    System.exit(code);
  }

  private static boolean exists(String variable) {
    String path = System.getenv(variable);
    return path != null && java.nio.file.Files.exists(java.nio.file.Path.of(path));
  }
}
