package io.execmodels.eventloop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpConnectionTest {

  private static final HttpConfig CONFIG = HttpConfig.defaults().withDateHeader(false);
  private static final String GET = "GET /%s HTTP/1.1\r\nHost: h\r\n\r\n";

  private final FakeTransport transport = new FakeTransport();
  private long now = 1_000_000_000L;

  /** Answers every request with its target and body. */
  private static final HttpHandler ECHO = HttpHandler.sync(r ->
      HttpResponse.text(200, r.method() + " " + r.target() + " " + r.bodyAsString()));

  private HttpConnection connection(HttpHandler handler, HttpConfig config) {
    return new HttpConnection(transport, handler, config, () -> now);
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String get(String path) {
    return String.format(GET, path);
  }

  private void advance(Duration d) {
    now += d.toNanos();
  }

  @Test
  void answersAGetAndStaysOpen() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes(get("hello")));
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).hasSize(1);
    assertThat(rs.get(0).status()).isEqualTo(200);
    assertThat(rs.get(0).body()).isEqualTo("GET /hello ");
    assertThat(rs.get(0).header("content-length")).isEqualTo("11");
    assertThat(rs.get(0).header("connection")).isNull();
    assertThat(c.isClosed()).isFalse();
    assertThat(transport.outputShut).isFalse();
    assertThat(transport.readInterest).isTrue();
    assertThat(c.requestsRead()).isEqualTo(1);
    assertThat(c.responsesWritten()).isEqualTo(1);
  }

  @Test
  void answersConnectionCloseThenHalfClosesAndClosesOnThePeersEof() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n" + get("ignored")));
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).hasSize(1);
    assertThat(rs.get(0).header("connection")).isEqualTo("close");
    assertThat(transport.events).containsExactly("shutdown-output");
    assertThat(c.isClosed()).isFalse();
    c.onRead(bytes("more junk is discarded"));
    c.onEof();
    assertThat(c.isClosed()).isTrue();
    assertThat(transport.closes).isEqualTo(1);
    assertThat(transport.responses()).hasSize(1);
  }

  @Test
  void closesAnHttp10ConnectionUnlessAskedToKeepItAlive() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n"));
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).extracting(Wire.Response::body).containsExactly("GET /a ", "GET /b ");
    assertThat(rs.get(0).header("connection")).isEqualTo("keep-alive");
    assertThat(rs.get(1).header("connection")).isEqualTo("close");
    assertThat(transport.outputShut).isTrue();
  }

  @Test
  void closesAfterAResponseThatAsksToClose() {
    HttpConnection c = connection(
        HttpHandler.sync(r -> HttpResponse.builder(200).closeConnection().build()), CONFIG);
    c.onRead(bytes(get("1") + get("2")));
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).hasSize(1);
    assertThat(rs.get(0).header("connection")).isEqualTo("close");
    assertThat(transport.outputShut).isTrue();
  }

  @Test
  void answersPipelinedRequestsInOrderHoweverTheStreamIsSplit() {
    String stream = get("1")
        + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
        + "POST /3 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n";
    byte[] all = stream.getBytes(StandardCharsets.ISO_8859_1);
    for (int a = 0; a <= all.length; a++) {
      for (int b = a; b <= all.length; b++) {
        FakeTransport t = new FakeTransport();
        HttpConnection c = new HttpConnection(t, ECHO, CONFIG, () -> now);
        c.onRead(ByteBuffer.wrap(all, 0, a));
        c.onRead(ByteBuffer.wrap(all, a, b - a));
        c.onRead(ByteBuffer.wrap(all, b, all.length - b));
        assertThat(t.responses()).as("cut at %d and %d", a, b)
            .extracting(Wire.Response::body)
            .containsExactly("GET /1 ", "POST /2 abc", "POST /3 xy");
        assertThat(c.isClosed()).isFalse();
      }
    }
  }

  @Test
  void answersPipelinedRequestsFedOneByteAtATime() {
    String stream = get("1") + get("2") + get("3");
    HttpConnection c = connection(ECHO, CONFIG);
    for (byte b : stream.getBytes(StandardCharsets.ISO_8859_1)) {
      c.onRead(ByteBuffer.wrap(new byte[] {b}));
    }
    assertThat(transport.responses()).extracting(Wire.Response::body)
        .containsExactly("GET /1 ", "GET /2 ", "GET /3 ");
  }

  @Test
  void writesResponsesInRequestOrderWhenHandlersCompleteOutOfOrder() {
    List<CompletableFuture<HttpResponse>> pending = new ArrayList<>();
    HttpConnection c = connection(r -> {
      CompletableFuture<HttpResponse> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }, CONFIG);
    c.onRead(bytes(get("1") + get("2") + get("3")));
    assertThat(pending).hasSize(3);
    assertThat(c.inFlight()).isEqualTo(3);
    pending.get(2).complete(HttpResponse.text(200, "three"));
    pending.get(1).complete(HttpResponse.text(200, "two"));
    transport.runTasks();
    assertThat(transport.output()).isEmpty();
    pending.get(0).complete(HttpResponse.text(200, "one"));
    transport.runTasks();
    assertThat(transport.responses()).extracting(Wire.Response::body)
        .containsExactly("one", "two", "three");
    assertThat(c.inFlight()).isZero();
  }

  @Test
  void takesCompletionsFromOtherThreadsThroughTheTransport() throws Exception {
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    HttpConnection c = connection(r -> answer, CONFIG);
    c.onRead(bytes(get("a")));
    Thread other =
        Thread.ofPlatform().start(() -> answer.complete(HttpResponse.text(200, "async")));
    other.join();
    // The stage completed on another thread; nothing is written until its task runs here.
    assertThat(transport.output()).isEmpty();
    assertThat(transport.runTasks()).isEqualTo(1);
    assertThat(transport.responses()).extracting(Wire.Response::body).containsExactly("async");
    assertThat(c.inFlight()).isZero();
  }

  @Test
  void answers500WhenTheHandlerFailsAndGoesOn() {
    HttpConnection c = connection(r -> {
      switch (r.path()) {
        case "/throw" -> throw new IllegalStateException("boom");
        case "/null" -> {
          return null;
        }
        case "/failed" -> {
          return CompletableFuture.failedFuture(new IOException("db down"));
        }
        default -> {
          return CompletableFuture.completedFuture(HttpResponse.text(200, "fine"));
        }
      }
    }, CONFIG);
    c.onRead(bytes(get("throw") + get("null") + get("failed") + get("ok")));
    assertThat(transport.responses()).extracting(Wire.Response::status)
        .containsExactly(500, 500, 500, 200);
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void answersABadRequestAfterTheGoodOnesBeforeItThenCloses() {
    CompletableFuture<HttpResponse> slow = new CompletableFuture<>();
    HttpConnection c = connection(r -> slow, CONFIG);
    c.onRead(bytes(get("1") + "BROKEN\r\n\r\n" + get("never")));
    assertThat(transport.output()).isEmpty();
    slow.complete(HttpResponse.text(200, "first"));
    transport.runTasks();
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).extracting(Wire.Response::status).containsExactly(200, 400);
    assertThat(rs.get(1).header("connection")).isEqualTo("close");
    assertThat(rs.get(1).body()).contains("malformed request line");
    assertThat(transport.outputShut).isTrue();
    assertThat(c.requestsRead()).isEqualTo(1);
  }

  @Test
  void answersEachKindOfBadInputWithItsStatusAndCloses() {
    HttpConfig small =
        CONFIG.withMaxBodyBytes(8).withMaxHeaderBytes(64).withMaxRequestLineBytes(32);
    String[][] cases = {
        {"GET / HTTP/1.1 junk\r\nHost: h\r\n\r\n", "400"},
        {"GET / HTTP/1.1\r\nHost: h\r\nX: " + "v".repeat(80) + "\r\n\r\n", "431"},
        {"GET /" + "p".repeat(40) + " HTTP/1.1\r\nHost: h\r\n\r\n", "414"},
        {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n", "413"},
        {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n", "413"},
        {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "501"},
        {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", "400"},
        {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "400"},
        {"GET / HTTP/3.0\r\nHost: h\r\n\r\n", "505"},
    };
    for (String[] k : cases) {
      FakeTransport t = new FakeTransport();
      HttpConnection c = new HttpConnection(t, ECHO, small, () -> now);
      c.onRead(bytes(k[0]));
      List<Wire.Response> rs = t.responses();
      assertThat(rs).as(k[0]).hasSize(1);
      assertThat(rs.get(0).status()).as(k[0]).isEqualTo(Integer.parseInt(k[1]));
      assertThat(rs.get(0).header("connection")).isEqualTo("close");
      assertThat(t.outputShut).as(k[0]).isTrue();
      c.onEof();
      assertThat(t.closes).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0} -> {2} and close")
  @MethodSource("io.execmodels.eventloop.http.RequestParserTest#badRequests")
  void answersEveryBadInputOfTheParserTestsWithItsStatusThenCloses(
      String what, String request, int status) {
    HttpConnection c = connection(ECHO, RequestParserTest.SMALL.withDateHeader(false));
    c.onRead(bytes(get("before") + request + get("after")));
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).as(what).extracting(Wire.Response::status).containsExactly(200, status);
    assertThat(rs.get(1).header("connection")).isEqualTo("close");
    assertThat(transport.outputShut).isTrue();
    assertThat(transport.readInterest).isTrue();
    c.onEof();
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void answersThenClosesWhenThePeerHalfClosesAfterWholeRequests() {
    CompletableFuture<HttpResponse> slow = new CompletableFuture<>();
    HttpConnection c = connection(r -> slow, CONFIG);
    c.onRead(bytes(get("1")));
    c.onEof();
    assertThat(c.isClosed()).isFalse();
    slow.complete(HttpResponse.text(200, "late"));
    transport.runTasks();
    assertThat(transport.responses()).extracting(Wire.Response::body).containsExactly("late");
    assertThat(c.isClosed()).isTrue();
    assertThat(transport.outputShut).isFalse();
  }

  @Test
  void answers400WhenThePeerHalfClosesMidRequest() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes(get("1") + "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc"));
    c.onEof();
    assertThat(transport.responses()).extracting(Wire.Response::status).containsExactly(200, 400);
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void closesQuietlyWhenThePeerHalfClosesAnIdleConnection() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onEof();
    assertThat(c.isClosed()).isTrue();
    assertThat(transport.output()).isEmpty();
  }

  @Test
  void stopsReadingWhileTooManyRequestsAreInFlight() {
    List<CompletableFuture<HttpResponse>> pending = new ArrayList<>();
    HttpConnection c = connection(r -> {
      CompletableFuture<HttpResponse> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }, CONFIG.withMaxPipelined(2));
    c.onRead(bytes(get("1") + get("2") + get("3") + get("4")));
    assertThat(pending).hasSize(2);
    assertThat(transport.readInterest).isFalse();
    pending.get(0).complete(HttpResponse.text(200, "1"));
    transport.runTasks();
    assertThat(pending).hasSize(3);
    assertThat(transport.readInterest).isFalse();
    pending.get(1).complete(HttpResponse.text(200, "2"));
    pending.get(2).complete(HttpResponse.text(200, "3"));
    transport.runTasks();
    assertThat(pending).hasSize(4);
    assertThat(transport.readInterest).isTrue();
    pending.get(3).complete(HttpResponse.text(200, "4"));
    transport.runTasks();
    assertThat(transport.responses()).extracting(Wire.Response::body)
        .containsExactly("1", "2", "3", "4");
  }

  @Test
  void waitsForWritabilityAndStopsReadingWhileTooMuchIsUnwritten() {
    transport.writeBudget = 0;
    HttpResponse big = HttpResponse.text(200, "x".repeat(1000));
    HttpConnection c = connection(HttpHandler.sync(r -> big),
        CONFIG.withMaxPendingWriteBytes(1500));
    c.onRead(bytes(get("1") + get("2") + get("3")));
    assertThat(c.pendingWriteBytes()).isGreaterThan(1500);
    assertThat(c.requestsRead()).isEqualTo(2);
    assertThat(transport.writeInterest).isTrue();
    assertThat(transport.readInterest).isFalse();
    transport.writeBudget = 100;
    c.onWritable();
    assertThat(transport.written.size()).isEqualTo(100);
    transport.writeBudget = Integer.MAX_VALUE;
    c.onWritable();
    assertThat(c.pendingWriteBytes()).isZero();
    assertThat(transport.writeInterest).isFalse();
    assertThat(transport.readInterest).isTrue();
    assertThat(transport.responses()).hasSize(3);
  }

  @Test
  void closesWhenAWriteFails() {
    transport.writeFailure = new IOException("reset by peer");
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes(get("1")));
    assertThat(c.isClosed()).isTrue();
    assertThat(transport.closes).isEqualTo(1);
    c.onRead(bytes(get("2")));
    c.onWritable();
    c.onEof();
    assertThat(c.checkTimeouts()).isTrue();
    assertThat(transport.closes).isEqualTo(1);
  }

  @Test
  void closesAnIdleConnectionAfterTheKeepAliveTimeout() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes(get("1")));
    assertThat(c.nextDeadline()).isEqualTo(now + CONFIG.keepAliveTimeout().toNanos());
    advance(CONFIG.keepAliveTimeout().minusMillis(1));
    assertThat(c.checkTimeouts()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(c.checkTimeouts()).isTrue();
    assertThat(c.isClosed()).isTrue();
    assertThat(transport.responses()).hasSize(1);
  }

  @Test
  void answers408ToASlowlorisThatKeepsTricklingHeaderBytes() {
    HttpConnection c = connection(ECHO, CONFIG);
    long start = now;
    c.onRead(bytes("GET / HTTP/1.1\r\n"));
    for (int i = 0; i < 100; i++) {
      advance(Duration.ofSeconds(1));
      assertThat(c.nextDeadline()).isEqualTo(start + CONFIG.headersTimeout().toNanos());
      if (c.checkTimeouts()) {
        break;
      }
      c.onRead(bytes("X-" + i + ": v\r\n"));
    }
    assertThat(now - start).isEqualTo(CONFIG.headersTimeout().toNanos());
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).extracting(Wire.Response::status).containsExactly(408);
    assertThat(transport.outputShut).isTrue();
    advance(CONFIG.lingerTimeout());
    assertThat(c.checkTimeouts()).isTrue();
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void answers408ToABodyThatDoesNotArriveWithinTheRequestTimeout() {
    HttpConfig config = CONFIG.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2),
        Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1));
    HttpConnection c = connection(ECHO, config);
    c.onRead(bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nab"));
    advance(Duration.ofSeconds(5));
    assertThat(c.checkTimeouts()).isFalse();
    advance(Duration.ofSeconds(5));
    assertThat(c.checkTimeouts()).isTrue();
    assertThat(transport.responses()).extracting(Wire.Response::status).containsExactly(408);
  }

  @Test
  void doesNotTimeOutWhileTheHandlerIsWorking() {
    CompletableFuture<HttpResponse> slow = new CompletableFuture<>();
    HttpConnection c = connection(r -> slow, CONFIG);
    c.onRead(bytes(get("1")));
    assertThat(c.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    advance(Duration.ofHours(1));
    assertThat(c.checkTimeouts()).isFalse();
    slow.complete(HttpResponse.text(200, "done"));
    transport.runTasks();
    assertThat(transport.responses()).hasSize(1);
  }

  @Test
  void closesAConnectionWhosePeerDoesNotRead() {
    transport.writeBudget = 0;
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes(get("1")));
    advance(CONFIG.sendTimeout().minusMillis(1));
    assertThat(c.checkTimeouts()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(c.checkTimeouts()).isTrue();
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void closesAfterTheLingerTimeIfThePeerNeverCloses() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
    assertThat(transport.outputShut).isTrue();
    assertThat(transport.readInterest).isTrue();
    advance(CONFIG.lingerTimeout().minusMillis(1));
    assertThat(c.checkTimeouts()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(c.checkTimeouts()).isTrue();
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void answersHeadWithTheLengthButNoBody() {
    HttpConnection c = connection(HttpHandler.sync(r -> HttpResponse.text(200, "12345")), CONFIG);
    c.onRead(bytes("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n" + get("after")));
    String out = transport.output();
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(out.split("HTTP/1.1 ", -1)).hasSize(3);
    String head = out.substring(0, out.indexOf("HTTP/1.1 ", 1));
    assertThat(head).contains("Content-Length: 5\r\n").endsWith("\r\n\r\n");
    assertThat(out.substring(head.length())).endsWith("\r\n\r\n12345");
  }

  @Test
  void sendsNoContentLengthWith204() {
    HttpConnection c = connection(HttpHandler.sync(r -> HttpResponse.empty(204)), CONFIG);
    c.onRead(bytes(get("1")));
    assertThat(transport.output()).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
  }

  @Test
  void sendsChunkedBodiesToHttp11AndUnframedBodiesThenCloseToHttp10() {
    HttpResponse chunked = HttpResponse.builder(200)
        .chunks(List.of("hel".getBytes(StandardCharsets.UTF_8), new byte[0],
            "lo world, 17 long".getBytes(StandardCharsets.UTF_8)))
        .trailers(HttpHeaders.of("X-Checksum", "abc"))
        .build();
    HttpConnection c = connection(HttpHandler.sync(r -> chunked), CONFIG);
    c.onRead(bytes(get("1")));
    assertThat(transport.output()).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nhel\r\n11\r\nlo world, 17 long\r\n0\r\nX-Checksum: abc\r\n\r\n");
    Wire.Response r = transport.responses().get(0);
    assertThat(r.body()).isEqualTo("hello world, 17 long");
    assertThat(r.trailers()).containsEntry("x-checksum", "abc");

    FakeTransport t10 = new FakeTransport();
    HttpConnection c10 = new HttpConnection(t10, HttpHandler.sync(x -> chunked), CONFIG, () -> now);
    c10.onRead(bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    assertThat(t10.output()).isEqualTo(
        "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello world, 17 long");
    assertThat(t10.outputShut).isTrue();
  }

  @Test
  void sends100ContinueBeforeReadingABodyThatExpectsIt() {
    HttpConnection c = connection(ECHO, CONFIG);
    c.onRead(bytes(
        "PUT /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
    assertThat(transport.output()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    c.onRead(bytes("data"));
    assertThat(transport.responses()).extracting(Wire.Response::status).containsExactly(100, 200);
    assertThat(transport.responses().get(1).body()).isEqualTo("PUT /u data");
  }

  @Test
  void addsAnImfFixdateDateHeaderWhenConfigured() {
    HttpConnection c = connection(ECHO, HttpConfig.defaults());
    c.onRead(bytes(get("1")));
    assertThat(transport.responses().get(0).header("date"))
        .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d [A-Z][a-z]{2} \\d{4} "
            + "\\d\\d:\\d\\d:\\d\\d GMT");
  }

  @Test
  void letsTheCallerReuseItsReadBuffer() {
    CompletableFuture<HttpResponse> slow = new CompletableFuture<>();
    List<String> seen = new ArrayList<>();
    HttpConnection c = connection(r -> {
      seen.add(r.target());
      return seen.size() == 1 ? slow : CompletableFuture.completedFuture(HttpResponse.empty(200));
    }, CONFIG.withMaxPipelined(1));
    ByteBuffer shared = ByteBuffer.allocate(256);
    shared.put(get("first").getBytes(StandardCharsets.ISO_8859_1))
        .put(get("second").getBytes(StandardCharsets.ISO_8859_1)).flip();
    c.onRead(shared);
    assertThat(shared.hasRemaining()).isFalse();
    shared.clear();
    shared.put("garbage that must not leak into the kept bytes".getBytes(StandardCharsets.UTF_8));
    slow.complete(HttpResponse.empty(200));
    transport.runTasks();
    assertThat(seen).containsExactly("/first", "/second");
  }

  @Test
  void shutsDownGracefullyAnsweringWhatItHasReadLastWithConnectionClose() {
    List<CompletableFuture<HttpResponse>> pending = new ArrayList<>();
    HttpConnection c = connection(r -> {
      CompletableFuture<HttpResponse> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }, CONFIG);
    c.onRead(bytes(get("1") + get("2") + "GET /partial HTTP/1.1\r\nHo"));
    c.shutdown();
    assertThat(transport.readInterest).isFalse();
    pending.get(1).complete(HttpResponse.text(200, "2"));
    pending.get(0).complete(HttpResponse.text(200, "1"));
    transport.runTasks();
    List<Wire.Response> rs = transport.responses();
    assertThat(rs).extracting(Wire.Response::body).containsExactly("1", "2");
    assertThat(rs.get(0).header("connection")).isNull();
    assertThat(rs.get(1).header("connection")).isEqualTo("close");
    assertThat(transport.outputShut).isTrue();
    c.onEof();
    assertThat(c.isClosed()).isTrue();
    assertThat(pending).hasSize(2);
  }

  @Test
  void ignoresAnswersThatArriveAfterItClosed() {
    CompletableFuture<HttpResponse> slow = new CompletableFuture<>();
    HttpConnection c = connection(r -> slow, CONFIG);
    c.onRead(bytes(get("1")));
    c.close();
    slow.complete(HttpResponse.text(200, "too late"));
    assertThat(transport.runTasks()).isEqualTo(1);
    assertThat(transport.output()).isEmpty();
    assertThat(transport.closes).isEqualTo(1);
  }

  @Test
  void answersWithACoreTaskCompletedLater() {
    SettableTask<HttpResponse> task = new SettableTask<>();
    HttpConnection c = connection(HttpHandler.ofTasks(r -> task), CONFIG);
    c.onRead(bytes(get("t")));
    assertThat(transport.output()).isEmpty();
    task.set(HttpResponse.text(200, "from a task"));
    transport.runTasks();
    assertThat(transport.responses()).extracting(Wire.Response::body)
        .containsExactly("from a task");
  }
}
