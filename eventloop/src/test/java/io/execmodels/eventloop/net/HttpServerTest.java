package io.execmodels.eventloop.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.eventloop.NodeScript;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP server on the loop over real sockets on 127.0.0.1: blocking clients on the test
 * thread, the loop on its own. After each test no connection may be left open, and closing the
 * server must let the loop's {@code run} return (nothing else keeps it alive).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpServerTest {

  private static final HttpConfig CONFIG = HttpConfig.defaults()
      .withDateHeader(false)
      .withMaxHeaderBytes(4096)
      .withMaxBodyBytes(1024)
      .withTimeouts(Duration.ofMillis(800), Duration.ofMillis(300), Duration.ofSeconds(30),
          Duration.ofSeconds(30), Duration.ofSeconds(5));

  private static final int BIG = 100_000;

  private LoopThread<HttpServer> lt;

  private void start(HttpConfig config) {
    lt = new LoopThread<>(loop -> HttpServer.listenLoopback(loop, 0, handler(), config));
    lt.value();
  }

  /** /slow answers after a 50 ms loop timer; everything else at once with target and body. */
  private HttpHandler handler() {
    return r -> {
      HttpResponse resp = HttpResponse.text(200, r.target() + " " + r.bodyAsString());
      if (r.path().equals("/big")) {
        return CompletableFuture.completedFuture(
            HttpResponse.text(200, r.target() + " " + "x".repeat(BIG)));
      }
      if (r.path().equals("/slow")) {
        CompletableFuture<HttpResponse> f = new CompletableFuture<>();
        lt.loop.setTimeout(() -> f.complete(resp), 50);
        return f;
      }
      return CompletableFuture.completedFuture(resp);
    };
  }

  @AfterEach
  void noConnectionLeftAndTheLoopEndsOnClose() throws Exception {
    if (lt == null || lt.ended()) {
      return;
    }
    HttpServer server = lt.value();
    assertThat(lt.await(() -> server.connectionCount() == 0, 20))
        .as("every connection closed").isTrue();
    lt.call(() -> {
      server.close();
      return null;
    });
    assertThat(lt.join(20)).as("run() returned once the server closed").isTrue();
    lt.loop.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), lt.value().port());
    s.setSoTimeout(20_000);
    return s;
  }

  private static void send(Socket s, String bytes) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Test
  void aStreamingHandlerTakesAnUploadFarOverMaxBodyBytesPiecewiseWithPausesOnTheRealLoop()
      throws Exception {
    int size = 1 << 20; // 1,024 times CONFIG's maxBodyBytes
    long[] received = {0, 0}; // bytes, and a checksum of them
    lt = new LoopThread<>(loop -> HttpServer.listenLoopback(loop, 0,
        HttpHandler.streaming((head, body) -> {
          CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
          body.onData(piece -> {
            while (piece.hasRemaining()) {
              received[1] = received[1] * 31 + piece.get();
              received[0]++;
            }
            // Back-pressure on every piece: reading stops until a loop timer resumes it.
            body.pause();
            loop.setTimeout(body::resume, 1);
          }).onEnd(t -> answer.complete(HttpResponse.text(200, received[0] + " " + received[1])));
          return answer;
        }), CONFIG));
    lt.value();
    byte[] upload = new byte[size];
    long expectedSum = 0;
    for (int i = 0; i < size; i++) {
      upload[i] = (byte) (i * 7 + 3);
      expectedSum = expectedSum * 31 + upload[i];
    }
    try (Socket s = connect()) {
      send(s, "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: " + size + "\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(upload);
      out.flush();
      Responses.Response r = Responses.read(s.getInputStream());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(size + " " + expectedSum);
    }
    assertThat(lt.call(() -> lt.value().bodyBudget().used()))
        .as("a streamed body takes nothing from the server's body budget").isZero();
  }

  @Test
  void keepsAConnectionAliveAcrossRequests() throws Exception {
    start(CONFIG);
    try (Socket s = connect()) {
      for (int i = 0; i < 3; i++) {
        send(s, "GET /r" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
        Responses.Response r = Responses.read(s.getInputStream());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("/r" + i + " ");
        assertThat(r.closes()).isFalse();
      }
      assertThat(lt.call(() -> lt.value().tcp().acceptedCount())).isEqualTo(1);
      assertThat(lt.call(() -> lt.value().connectionCount())).isEqualTo(1);
    }
  }

  @Test
  void readsContentLengthAndChunkedBodies() throws Exception {
    start(CONFIG);
    try (Socket s = connect()) {
      send(s, "POST /cl HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world");
      assertThat(Responses.read(s.getInputStream()).body()).isEqualTo("/cl hello world");
      send(s, "POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
      assertThat(Responses.read(s.getInputStream()).body()).isEqualTo("/chunked hello world");
    }
  }

  @Test
  void answersPipelinedRequestsInOrderEvenWhenTheFirstIsSlowest() throws Exception {
    start(CONFIG);
    try (Socket s = connect()) {
      send(s, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n"
          + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"
          + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"
          + "GET /d HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
      List<Responses.Response> rs = Responses.readAll(s.getInputStream());
      assertThat(rs).extracting(Responses.Response::body)
          .containsExactly("/slow ", "/b hi", "/c x", "/d ");
      assertThat(rs.get(3).closes()).isTrue();
    }
  }

  @Test
  void aClientThatReadsLateGetsEveryResponseInOrderThroughBackPressure() throws Exception {
    start(CONFIG);
    int n = 200;
    try (Socket s = connect()) {
      // 200 pipelined requests fit in the socket buffers; their 20 MB of answers do not: the
      // server stops reading while 256 KiB wait, waits for writability, and goes on.
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < n; i++) {
        all.append("GET /big?").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
      }
      send(s, all.toString());
      for (int i = 0; i < n; i++) {
        Responses.Response r = Responses.read(s.getInputStream());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("/big?" + i + " ").hasSize(("/big?" + i + " ").length()
            + BIG);
      }
    }
  }

  /** Sends {@code bad} after a good request; expects the good answer, then status, then EOF. */
  private void badInputGets(String bad, int status) throws Exception {
    try (Socket s = connect()) {
      send(s, "GET /good HTTP/1.1\r\nHost: h\r\n\r\n" + bad);
      List<Responses.Response> rs = Responses.readAll(s.getInputStream());
      assertThat(rs).extracting(Responses.Response::status).containsExactly(200, status);
      assertThat(rs.get(1).closes()).isTrue();
    }
    // The loop goes on serving.
    try (Socket s = connect()) {
      send(s, "GET /after HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
      assertThat(Responses.readAll(s.getInputStream())).extracting(Responses.Response::body)
          .containsExactly("/after ");
    }
  }

  @Test
  void aMalformedRequestLineIsAnswered400AndClosed() throws Exception {
    start(CONFIG);
    badInputGets("GET  /two-spaces HTTP/1.1\r\nHost: h\r\n\r\n", 400);
    badInputGets("\u0001\u0002garbage\r\n\r\n", 400);
  }

  @Test
  void aMalformedHeaderIsAnswered400AndClosed() throws Exception {
    start(CONFIG);
    badInputGets("GET / HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n", 400);
    badInputGets("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        400);
  }

  @Test
  void headersOverTheLimitAreAnswered431AndClosed() throws Exception {
    start(CONFIG);
    badInputGets("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(5000) + "\r\n\r\n", 431);
  }

  @Test
  void aBodyOverTheLimitIsAnswered413AndClosed() throws Exception {
    start(CONFIG);
    badInputGets("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\n\r\n", 413);
    badInputGets("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "800\r\n" + "a".repeat(2048) + "\r\n0\r\n\r\n", 413);
  }

  @Test
  void aSlowlorisIsAnswered408AndDroppedWhileOthersAreServed() throws Exception {
    start(CONFIG);
    try (Socket slow = connect()) {
      send(slow, "GET / HTTP/1.1\r\nHost: h\r\nX-Slow:");
      long t0 = System.nanoTime();
      try (Socket other = connect()) {
        send(other, "GET /ok HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        assertThat(Responses.readAll(other.getInputStream()))
            .extracting(Responses.Response::body).containsExactly("/ok ");
      }
      List<Responses.Response> rs = Responses.readAll(slow.getInputStream());
      assertThat(rs).extracting(Responses.Response::status).containsExactly(408);
      // Not before the headers timeout (300 ms); the bound above is the socket's read timeout.
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(290).toNanos());
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedQuietlyAfterTheKeepAliveTimeout() throws Exception {
    start(CONFIG);
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
      assertThat(Responses.read(s.getInputStream()).status()).isEqualTo(200);
      // Then nothing: the server closes after 800 ms with no response.
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(790).toNanos());
    }
  }

  @Test
  void closingTheServerEndsIdleConnectionsAndLetsTheLoopReturn() throws Exception {
    start(CONFIG.withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60)));
    try (Socket s = connect()) {
      send(s, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
      assertThat(Responses.read(s.getInputStream()).status()).isEqualTo(200);
      lt.call(() -> {
        lt.value().closeGracefully();
        return null;
      });
      // The server half-closes; our close completes it.
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(lt.join(20)).isTrue();
    lt.loop.close();
  }

  @Test
  void closingTheServerDestroysAnIdleKeepAliveConnectionAtOnceAsNodeDoes() throws Exception {
    // Every timeout, the linger included, at 60 s: only an immediate close lets run() return
    // within the bound below while the client keeps its side open (Node 19+'s server.close()
    // calls closeIdleConnections; a graceful half-close would wait for the client's FIN).
    start(CONFIG.withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60)));
    try (Socket s = connect()) {
      send(s, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
      assertThat(Responses.read(s.getInputStream()).status()).isEqualTo(200);
      lt.call(() -> {
        lt.value().closeGracefully();
        return null;
      });
      assertThat(lt.join(20)).as("run() returned with the client's side still open").isTrue();
      List<String> events = new ArrayList<>();
      events.add("server closed, client side open: " + !s.isClosed());
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      events.add("client saw end");
      assertThat(events).isEqualTo(NodeScript.run("httpCloseIdle"));
    }
    lt.loop.close();
  }

  @Test
  void closingGracefullyAnswersTheClientsQueuedInTheBacklogThatAPlainCloseWouldReset()
      throws Exception {
    start(CONFIG);
    // All on the loop, so that it accepts none of them first: each client's handshake is
    // completed by the kernel and queued, its request sent; then the server closes. Closing a
    // listener resets what is queued on it; closeGracefully accepts it first and reads and
    // answers each request not read yet (HttpConnection.drain).
    int n = 8;
    List<Socket> clients = lt.call(() -> {
      List<Socket> queued = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Socket s = connect();
        send(s, "GET /q" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
        queued.add(s);
      }
      lt.value().closeGracefully();
      assertThat(lt.value().tcp().isClosed()).isTrue();
      return queued;
    });
    for (int i = 0; i < n; i++) {
      try (Socket s = clients.get(i)) {
        Responses.Response r = Responses.read(s.getInputStream());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("/q" + i + " ");
        assertThat(r.head()).containsIgnoringCase("connection: close");
        assertThat(s.getInputStream().read()).as("the connection ends after it").isEqualTo(-1);
      }
    }
    assertThat(lt.join(20)).as("run() returned once they were answered").isTrue();
    assertThat(lt.value().tcp().acceptedCount()).isEqualTo(n);
    lt.loop.close();
  }

  @Test
  void aClientThatResetsMidRequestCostsNothingElse() throws Exception {
    start(CONFIG);
    for (int i = 0; i < 5; i++) {
      try (Socket s = connect()) {
        send(s, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\npartial");
        s.setSoLinger(true, 0);
      }
    }
    try (Socket s = connect()) {
      send(s, "GET /still HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
      assertThat(Responses.readAll(s.getInputStream())).extracting(Responses.Response::body)
          .containsExactly("/still ");
    }
  }
}
