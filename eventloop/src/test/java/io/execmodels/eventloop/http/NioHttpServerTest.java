package io.execmodels.eventloop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link HttpConnection} over real sockets on 127.0.0.1, through the test NIO transport. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NioHttpServerTest {

  private static final HttpConfig CONFIG = HttpConfig.defaults()
      .withDateHeader(false)
      .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(30),
          Duration.ofSeconds(30), Duration.ofSeconds(5));
  private static final Executor LATER =
      CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

  private NioHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = new NioHttpServer(r -> {
      HttpResponse resp = HttpResponse.text(200, r.target() + " " + r.bodyAsString());
      return r.path().equals("/slow")
          ? CompletableFuture.supplyAsync(() -> resp, LATER)
          : CompletableFuture.completedFuture(resp);
    }, CONFIG);
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
    assertThat(server.failure()).isNull();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(20_000);
    return s;
  }

  /** Sends {@code request}, then reads until the server closes its side. */
  private static String exchange(Socket s, String request, boolean halfClose) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    if (halfClose) {
      s.shutdownOutput();
    }
    return readToEof(s.getInputStream());
  }

  private static String readToEof(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private void awaitNoOpenConnections() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.open.get() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(server.open.get()).as("connections left open").isZero();
  }

  @Test
  void answersPipelinedRequestsInOrderOverTcpThenClosesOnConnectionClose() throws Exception {
    try (Socket s = connect()) {
      String out = exchange(s, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n"
          + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"
          + "GET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false);
      assertThat(Wire.parse(out)).extracting(Wire.Response::body)
          .containsExactly("/slow ", "/b hi", "/c ");
    }
    awaitNoOpenConnections();
  }

  @Test
  void answersARequestThenClosesWhenTheClientHalfCloses() throws Exception {
    try (Socket s = connect()) {
      String out = exchange(s, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n", true);
      assertThat(Wire.parse(out)).extracting(Wire.Response::status).containsExactly(200);
    }
    awaitNoOpenConnections();
  }

  @Test
  void answersBadInputWith400AndClosesTheConnection() throws Exception {
    try (Socket s = connect()) {
      String out = exchange(s, "GET / HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n", false);
      List<Wire.Response> rs = Wire.parse(out);
      assertThat(rs).extracting(Wire.Response::status).containsExactly(400);
    }
    awaitNoOpenConnections();
  }

  @Test
  void drops408ASlowlorisAndKeepsServingOthers() throws Exception {
    try (Socket slow = connect()) {
      slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\nX-Slow:".getBytes(
          StandardCharsets.ISO_8859_1));
      try (Socket other = connect()) {
        String out = exchange(other, "GET /ok HTTP/1.1\r\nHost: h\r\n\r\n", true);
        assertThat(Wire.parse(out)).extracting(Wire.Response::body).containsExactly("/ok ");
      }
      String out = readToEof(slow.getInputStream());
      assertThat(Wire.parse(out)).extracting(Wire.Response::status).containsExactly(408);
    }
    awaitNoOpenConnections();
    assertThat(server.accepted.get()).isEqualTo(2);
  }
}
