package io.execmodels.eventloop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RequestParserTest {

  static final HttpConfig SMALL = HttpConfig.defaults()
      .withMaxRequestLineBytes(64)
      .withMaxHeaderBytes(128)
      .withMaxHeaderCount(4)
      .withMaxBodyBytes(32);

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Feeds all of {@code s} in one buffer; returns the requests, failing on an error. */
  private static List<HttpRequest> parseAll(HttpConfig config, String s) {
    RequestParser p = new RequestParser(config);
    ByteBuffer in = bytes(s);
    List<HttpRequest> out = new ArrayList<>();
    while (in.hasRemaining()) {
      int r = p.feed(in);
      if (r == RequestParser.ERROR) {
        throw new AssertionError(p.errorStatus() + " " + p.errorMessage());
      }
      if (r == RequestParser.REQUEST) {
        out.add(p.take());
      }
    }
    return out;
  }

  private static HttpRequest parseOne(String s) {
    List<HttpRequest> all = parseAll(HttpConfig.defaults(), s);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /** The status a parser answers {@code s} with, fed in one buffer; 0 if it parsed or waits. */
  private static int errorOf(HttpConfig config, String s) {
    RequestParser p = new RequestParser(config);
    ByteBuffer in = bytes(s);
    while (in.hasRemaining()) {
      int r = p.feed(in);
      if (r == RequestParser.ERROR) {
        return p.errorStatus();
      }
      if (r == RequestParser.REQUEST) {
        p.take();
      }
    }
    return 0;
  }

  @Test
  void parsesTheRequestLineAndHeadersOfAGet() {
    HttpRequest r =
        parseOne("GET /a/b?x=1 HTTP/1.1\r\nHost: example.com\r\nX-Thing:  v a l \r\n\r\n");
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.target()).isEqualTo("/a/b?x=1");
    assertThat(r.path()).isEqualTo("/a/b");
    assertThat(r.version()).isEqualTo("HTTP/1.1");
    assertThat(r.headers().get("host")).isEqualTo("example.com");
    assertThat(r.headers().get("X-THING")).isEqualTo("v a l");
    assertThat(r.bodyLength()).isZero();
    assertThat(r.keepAlive()).isTrue();
  }

  @Test
  void headerNamesMatchInAnyCaseAndKeepTheirOrderAndRepeats() {
    HttpRequest r = parseOne(
        "GET / HTTP/1.1\r\nhOsT: h\r\nAccept: a\r\naccept: b\r\n\r\n");
    assertThat(r.headers().getAll("ACCEPT")).containsExactly("a", "b");
    assertThat(r.headers().name(0)).isEqualTo("hOsT");
    assertThat(r.headers().contains("Host")).isTrue();
  }

  @Test
  void readsAContentLengthBody() {
    HttpRequest r = parseOne("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(r.bodyAsString()).isEqualTo("hello");
  }

  @Test
  void acceptsARepeatedIdenticalContentLength() {
    HttpRequest r = parseOne(
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\nContent-Length: 003\r\n\r\nabc");
    assertThat(r.bodyAsString()).isEqualTo("abc");
  }

  @Test
  void decodesAChunkedBodyWithExtensionsAndTrailers() {
    HttpRequest r = parseOne("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=value\r\nhello\r\n"
        + "1 ; a ; b=\"q \\\" s\"\r\n \r\n"
        + "0000A\r\n0123456789\r\n"
        + "0\r\nX-Sum: 42\r\nX-Other: o\r\n\r\n");
    assertThat(r.bodyAsString()).isEqualTo("hello 0123456789");
    assertThat(r.trailers().get("x-sum")).isEqualTo("42");
    assertThat(r.trailers().size()).isEqualTo(2);
    assertThat(r.headers().contains("x-sum")).isFalse();
  }

  @Test
  void acceptsTransferEncodingChunkedInAnyCaseWithEmptyListElements() {
    HttpRequest r = parseOne(
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: , CHUNKED\r\n\r\n1\r\nx\r\n0\r\n\r\n");
    assertThat(r.bodyAsString()).isEqualTo("x");
  }

  @Test
  void ignoresEmptyLinesBeforeTheRequestLine() {
    HttpRequest r = parseOne("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
    assertThat(r.target()).isEqualTo("/");
  }

  @Test
  void keepsAliveByDefaultOnlyForHttp11() {
    assertThat(parseOne("GET / HTTP/1.1\r\nHost: h\r\n\r\n").keepAlive()).isTrue();
    assertThat(parseOne("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").keepAlive())
        .isFalse();
    assertThat(parseOne("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, close\r\n\r\n")
        .keepAlive()).isFalse();
    assertThat(parseOne("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
    assertThat(parseOne("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive())
        .isTrue();
  }

  @Test
  void treatsALaterMinorVersionAsHttp11() {
    HttpRequest r = parseOne("GET / HTTP/1.7\r\nHost: h\r\n\r\n");
    assertThat(r.version()).isEqualTo("HTTP/1.1");
  }

  @Test
  void acceptsTheAsteriskFormForOptionsAndTheAbsoluteForm() {
    assertThat(parseOne("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").target()).isEqualTo("*");
    assertThat(parseOne("GET http://h/x HTTP/1.1\r\nHost: h\r\n\r\n").target())
        .isEqualTo("http://h/x");
  }

  @Test
  void parsesPipelinedRequestsOneAtATimeLeavingTheRestInTheBuffer() {
    String two = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n";
    RequestParser p = new RequestParser(HttpConfig.defaults());
    ByteBuffer in = bytes(two);
    assertThat(p.feed(in)).isEqualTo(RequestParser.REQUEST);
    assertThat(in.remaining()).isEqualTo(two.length() / 2);
    assertThat(p.take().target()).isEqualTo("/1");
    assertThat(p.feed(in)).isEqualTo(RequestParser.REQUEST);
    assertThat(p.take().target()).isEqualTo("/2");
    assertThat(p.isIdle()).isTrue();
  }

  static Stream<Arguments> badRequests() {
    String h = "Host: h\r\n";
    return Stream.of(
        Arguments.of("two spaces after the method", "GET  / HTTP/1.1\r\n" + h + "\r\n", 400),
        Arguments.of("no version", "GET /\r\n" + h + "\r\n", 400),
        Arguments.of("junk after the version", "GET / HTTP/1.1 x\r\n" + h + "\r\n", 400),
        Arguments.of("method not a token", "G@T / HTTP/1.1\r\n" + h + "\r\n", 400),
        Arguments.of("lower-case protocol", "GET / http/1.1\r\n" + h + "\r\n", 400),
        Arguments.of("two-digit version", "GET / HTTP/1.10\r\n" + h + "\r\n", 400),
        Arguments.of("HTTP/2.0", "GET / HTTP/2.0\r\n" + h + "\r\n", 505),
        Arguments.of("HTTP/0.9", "GET / HTTP/0.9\r\n" + h + "\r\n", 505),
        Arguments.of("target not a path", "GET abc HTTP/1.1\r\n" + h + "\r\n", 400),
        Arguments.of("control in target", "GET /a\u0001b HTTP/1.1\r\n" + h + "\r\n", 400),
        Arguments.of("non-ASCII target", "GET /\u00e9 HTTP/1.1\r\n" + h + "\r\n", 400),
        Arguments.of("tab in target", "GET /a\tb HTTP/1.1\r\n" + h + "\r\n", 400),
        Arguments.of("obs-fold", "GET / HTTP/1.1\r\n" + h + "X: a\r\n b\r\n\r\n", 400),
        Arguments.of("whitespace before the first header", "GET / HTTP/1.1\r\n " + h + "\r\n",
            400),
        Arguments.of("space before the colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
        Arguments.of("no colon", "GET / HTTP/1.1\r\n" + h + "NoColon\r\n\r\n", 400),
        Arguments.of("empty name", "GET / HTTP/1.1\r\n" + h + ": v\r\n\r\n", 400),
        Arguments.of("NUL in a value", "GET / HTTP/1.1\r\n" + h + "X: a\u0000b\r\n\r\n", 400),
        Arguments.of("DEL in a value", "GET / HTTP/1.1\r\n" + h + "X: a\u007fb\r\n\r\n", 400),
        Arguments.of("bare LF", "GET / HTTP/1.1\n" + h + "\r\n", 400),
        Arguments.of("bare CR", "GET / HTTP/1.1\r" + h + "\r\n", 400),
        Arguments.of("bare LF ending the head", "GET / HTTP/1.1\r\n" + h + "\n", 400),
        Arguments.of("no Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n", 400),
        Arguments.of("two Hosts", "GET / HTTP/1.1\r\n" + h + h + "\r\n", 400),
        Arguments.of("a Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
        Arguments.of("a Host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
        Arguments.of("a Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),
        Arguments.of("Content-Length and Transfer-Encoding",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
            400),
        Arguments.of("conflicting Content-Length",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        Arguments.of("conflicting Content-Length in one field",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 1, 2\r\n\r\n", 400),
        Arguments.of("signed Content-Length",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: +1\r\n\r\n", 400),
        Arguments.of("negative Content-Length",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: -1\r\n\r\n", 400),
        Arguments.of("empty Content-Length",
            "POST / HTTP/1.1\r\n" + h + "Content-Length:\r\n\r\n", 400),
        Arguments.of("hex Content-Length",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 0x10\r\n\r\n", 400),
        Arguments.of("chunked not last",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked, gzip\r\n\r\n", 400),
        Arguments.of("only gzip", "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip\r\n\r\n",
            400),
        Arguments.of("chunked twice",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", 400),
        Arguments.of("gzip then chunked",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
        Arguments.of("empty Transfer-Encoding",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: ,\r\n\r\n", 400),
        Arguments.of("Transfer-Encoding in HTTP/1.0",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        Arguments.of("chunk size not hex", chunked("zz\r\n"), 400),
        Arguments.of("chunk size missing", chunked(";a=b\r\n"), 400),
        Arguments.of("chunk size with a sign", chunked("+5\r\nhello\r\n0\r\n\r\n"), 400),
        Arguments.of("chunk data longer than its size", chunked("2\r\nabc\r\n0\r\n\r\n"), 400),
        Arguments.of("chunk data without CRLF", chunked("1\r\nab"), 400),
        Arguments.of("chunk extension without a name", chunked("1;=x\r\na\r\n0\r\n\r\n"), 400),
        Arguments.of("chunk extension junk", chunked("1 x\r\na\r\n0\r\n\r\n"), 400),
        Arguments.of("unterminated quoted extension", chunked("1;a=\"x\r\na\r\n0\r\n\r\n"), 400),
        Arguments.of("bare LF after a chunk size", chunked("1\na\r\n0\r\n\r\n"), 400),
        Arguments.of("obs-fold in a trailer", chunked("0\r\nX: a\r\n b\r\n\r\n"), 400),
        Arguments.of("an expectation other than 100-continue",
            "GET / HTTP/1.1\r\n" + h + "Expect: 200-ok\r\n\r\n", 417),
        Arguments.of("request line over the limit",
            "GET /" + "a".repeat(64) + " HTTP/1.1\r\n" + h + "\r\n", 414),
        Arguments.of("header section over the limit",
            "GET / HTTP/1.1\r\n" + h + "X: " + "v".repeat(130) + "\r\n\r\n", 431),
        Arguments.of("header section over the limit in small fields",
            "GET / HTTP/1.1\r\n" + h + ("X: " + "v".repeat(40) + "\r\n").repeat(3) + "\r\n",
            431),
        Arguments.of("too many header fields",
            "GET / HTTP/1.1\r\n" + h + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", 431),
        Arguments.of("Content-Length over the body limit",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 33\r\n\r\n", 413),
        Arguments.of("Content-Length too large for any number",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 99999999999999999999999\r\n\r\n", 413),
        Arguments.of("chunked body over the limit",
            chunked("10\r\n" + "x".repeat(16) + "\r\n11\r\n"), 413),
        Arguments.of("chunk size overflowing a long", chunked("fffffffffffffffffffff1\r\n"), 413),
        Arguments.of("trailer section over the limit",
            chunked("0\r\nX: " + "v".repeat(130) + "\r\n\r\n"), 431),
        Arguments.of("endless empty lines", "\r\n".repeat(20), 400));
  }

  private static String chunked(String body) {
    return "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("badRequests")
  void answersEachBadRequestWithItsStatus(String what, String request, int status) {
    assertThat(errorOf(SMALL, request)).as(what).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0} -> {2}, split anywhere")
  @MethodSource("badRequests")
  void answersEachBadRequestWithItsStatusHoweverItIsSplit(String what, String request, int status) {
    byte[] all = request.getBytes(StandardCharsets.ISO_8859_1);
    for (int cut = 1; cut < all.length; cut++) {
      RequestParser p = new RequestParser(SMALL);
      int r = p.feed(ByteBuffer.wrap(all, 0, cut));
      if (r == RequestParser.NEED_MORE) {
        r = p.feed(ByteBuffer.wrap(all, cut, all.length - cut));
      }
      assertThat(r).as(what + " cut at " + cut).isEqualTo(RequestParser.ERROR);
      assertThat(p.errorStatus()).as(what + " cut at " + cut).isEqualTo(status);
    }
  }

  @Test
  void parsesAChunkedRequestSplitAtEveryByteTheSameAsWhole() {
    String req = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3;x=\"y\"\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: t\r\n\r\n";
    byte[] all = req.getBytes(StandardCharsets.ISO_8859_1);
    for (int a = 0; a <= all.length; a++) {
      for (int b = a; b <= all.length; b++) {
        RequestParser p = new RequestParser(HttpConfig.defaults());
        List<HttpRequest> got = new ArrayList<>();
        for (ByteBuffer part : new ByteBuffer[] {
            ByteBuffer.wrap(all, 0, a), ByteBuffer.wrap(all, a, b - a),
            ByteBuffer.wrap(all, b, all.length - b)}) {
          while (part.hasRemaining()) {
            int r = p.feed(part);
            assertThat(r).isNotEqualTo(RequestParser.ERROR);
            if (r == RequestParser.REQUEST) {
              got.add(p.take());
            }
          }
        }
        assertThat(got).as("cuts at %d and %d", a, b).hasSize(1);
        assertThat(got.get(0).bodyAsString()).isEqualTo("abc0123456789abcdef");
        assertThat(got.get(0).trailers().get("t")).isEqualTo("t");
      }
    }
  }

  @Test
  void parsesADirectBufferToo() {
    byte[] req = "PUT /d HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok"
        .getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer direct = ByteBuffer.allocateDirect(req.length).put(req).flip();
    RequestParser p = new RequestParser(HttpConfig.defaults());
    assertThat(p.feed(direct)).isEqualTo(RequestParser.REQUEST);
    assertThat(p.take().bodyAsString()).isEqualTo("ok");
  }

  @Test
  void acceptsHostsWithPortsIpLiteralsAndEmpty() {
    assertThat(parseOne("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n").headers().get("host"))
        .isEqualTo("127.0.0.1:8080");
    assertThat(parseOne("GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n").target()).isEqualTo("/");
    assertThat(parseOne("GET / HTTP/1.1\r\nHost:\r\n\r\n").headers().get("host")).isEmpty();
  }

  @Test
  void parsesASlicedHeapBufferFromItsOwnOffset() {
    byte[] backing = ("junk" + "GET /s HTTP/1.1\r\nHost: h\r\n\r\n" + "tail")
        .getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer slice = ByteBuffer.wrap(backing).slice(4, backing.length - 8);
    RequestParser p = new RequestParser(HttpConfig.defaults());
    assertThat(p.feed(slice)).isEqualTo(RequestParser.REQUEST);
    assertThat(p.take().target()).isEqualTo("/s");
    assertThat(slice.hasRemaining()).isFalse();
  }

  @Test
  void isIdleOnlyBeforeTheFirstByteOfARequest() {
    RequestParser p = new RequestParser(HttpConfig.defaults());
    assertThat(p.isIdle()).isTrue();
    p.feed(bytes("\r\n"));
    assertThat(p.isIdle()).isTrue();
    p.feed(bytes("G"));
    assertThat(p.isIdle()).isFalse();
    assertThat(p.headComplete()).isFalse();
    p.feed(bytes("ET / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n"));
    assertThat(p.headComplete()).isTrue();
    assertThat(p.feed(bytes("ab"))).isEqualTo(RequestParser.REQUEST);
    p.take();
    assertThat(p.isIdle()).isTrue();
  }

  @Test
  void bodiesBeingReceivedShareTheServersBudgetAndTheOneThatWouldPassItIsAnswered503() {
    int kib = 1024;
    BodyBudget budget = new BodyBudget(70 * kib);
    HttpConfig config = HttpConfig.defaults().withMaxBodyBytes(64 * kib);
    String head = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + 64 * kib
        + "\r\n\r\n";
    String part = "a".repeat(40 * kib); // a slow upload, 24 KiB short
    RequestParser first = new RequestParser(config, budget, false);
    assertThat(first.feed(bytes(head + part))).isEqualTo(RequestParser.NEED_MORE);
    assertThat(budget.used()).as("its buffer, grown to what came").isEqualTo(40 * kib);
    RequestParser second = new RequestParser(config, budget, false);
    assertThat(second.feed(bytes(head + part))).isEqualTo(RequestParser.ERROR);
    assertThat(second.errorStatus()).isEqualTo(503);
    assertThat(second.errorMessage()).contains("71680 bytes");
    assertThat(budget.used()).as("within the budget").isLessThanOrEqualTo(70 * kib);
    second.releaseBudget(); // its connection closes
    assertThat(first.feed(bytes("a".repeat(24 * kib)))).isEqualTo(RequestParser.REQUEST);
    assertThat(first.take().bodyLength()).isEqualTo(64 * kib);
    assertThat(budget.used()).as("handed to the handler: released").isZero();
  }
}
