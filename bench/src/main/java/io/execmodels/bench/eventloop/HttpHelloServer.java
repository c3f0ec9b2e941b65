package io.execmodels.bench.eventloop;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpResponse;
import io.execmodels.eventloop.net.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The twin of the Node anchor's {@code server.js} for {@code wrk}: an {@link HttpServer} on one
 * {@link EventLoop} on 127.0.0.1, answering {@code hello} (200, {@code text/plain}, "hello", with
 * a {@code Date} header as Node sends) at once, or after a 10 ms loop timer in mode {@code io}.
 * Prints {@code READY} once listening; stops gracefully on SIGTERM/SIGINT.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.execmodels.bench.eventloop.HttpHelloServer
 *     [hello|io] [port]</pre>
 */
public final class HttpHelloServer {

  private HttpHelloServer() {}

  /** Runs the server until it is signalled; see the type's description for the arguments. */
  public static void main(String[] args) throws InterruptedException {
    String mode = args.length > 0 ? args[0] : "hello";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 18091;
    HttpResponse hello = HttpResponse.of(200, "text/plain",
        "hello".getBytes(StandardCharsets.ISO_8859_1));
    EventLoop loop = new EventLoop();
    HttpHandler handler = switch (mode) {
      case "hello" -> HttpHandler.sync(r -> hello);
      case "io" -> r -> {
        CompletableFuture<HttpResponse> f = new CompletableFuture<>();
        loop.setTimeout(() -> f.complete(hello), 10);
        return f;
      };
      default -> throw new IllegalArgumentException("mode is hello or io, not " + mode);
    };
    HttpServer[] server = new HttpServer[1];
    CountDownLatch ended = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      loop.execute(() -> server[0].close());
      try {
        ended.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    try {
      loop.run(() -> {
        server[0] = HttpServer.listen(loop,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), handler,
            HttpConfig.defaults());
        System.out.println("READY");
        System.out.flush();
      });
    } finally {
      ended.countDown();
    }
    loop.close();
  }
}
