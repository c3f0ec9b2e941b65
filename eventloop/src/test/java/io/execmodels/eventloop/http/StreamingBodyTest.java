package io.execmodels.eventloop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request bodies read as they arrive ({@link StreamingHttpHandler}, {@link RequestBody}). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamingBodyTest {

  private static final HttpConfig CONFIG = HttpConfig.defaults().withDateHeader(false);

  private final FakeTransport transport = new FakeTransport();
  private final List<String> seen = new ArrayList<>();

  private HttpConnection connection(StreamingHttpHandler handler, HttpConfig config) {
    return new HttpConnection(transport, HttpHandler.streaming(handler), config, () -> 0L);
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String text(ByteBuffer b) {
    return StandardCharsets.ISO_8859_1.decode(b).toString();
  }

  /** Records the head, every piece and the end; answers with the body's length at its end. */
  private StreamingHttpHandler recorder() {
    return (head, body) -> {
      seen.add("head " + head.method() + " " + head.target() + " " + head.bodyLength());
      CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
      int[] length = {0};
      body.onData(piece -> {
        length[0] += piece.remaining();
        seen.add("data " + text(piece));
      }).onEnd(trailers -> {
        seen.add("end " + trailers.get("x-sum"));
        answer.complete(HttpResponse.text(200, "got " + length[0]));
      }).onError(e -> seen.add("error " + e.getMessage()));
      return answer;
    };
  }

  @Test
  void theHandlerGetsTheHeadFirstThenThePiecesAsTheyArriveThenTheEnd() {
    HttpConnection c = connection(recorder(), CONFIG);
    c.onRead(bytes("POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhel"));
    assertThat(seen).containsExactly("head POST /up 0", "data hel");
    assertThat(transport.responses()).isEmpty();
    c.onRead(bytes("lo wor"));
    c.onRead(bytes("ld"));
    assertThat(seen).containsExactly("head POST /up 0", "data hel", "data lo wor", "data ld",
        "end null");
    transport.runTasks(); // the answer comes back through the loop's queue, as every answer does
    assertThat(transport.responses()).extracting(Wire.Response::body).containsExactly("got 11");
  }

  @Test
  void aChunkedBodyStreamsItsChunksAndEndsWithItsTrailers() {
    HttpConnection c = connection(recorder(), CONFIG);
    c.onRead(bytes("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n"));
    assertThat(seen).containsExactly("head POST /c 0", "data abc", "data de", "end 5");
    transport.runTasks();
    assertThat(transport.responses()).extracting(Wire.Response::body).containsExactly("got 5");
  }

  @Test
  void aStreamedBodyIsNotBoundedByMaxBodyBytes() {
    HttpConnection c = connection(recorder(), CONFIG.withMaxBodyBytes(4));
    c.onRead(bytes("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\n12345678"));
    transport.runTasks();
    assertThat(transport.responses()).extracting(Wire.Response::body).containsExactly("got 8");
  }

  @Test
  void pauseStopsReadingUntilResumeAndLosesNothing() {
    RequestBody[] held = new RequestBody[1];
    HttpConnection c = connection((head, body) -> {
      held[0] = body;
      CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
      body.onData(piece -> {
        seen.add("data " + text(piece));
        body.pause();
      }).onEnd(t -> answer.complete(HttpResponse.text(200, "done")));
      return answer;
    }, CONFIG);
    c.onRead(bytes("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\nabc"));
    transport.runTasks();
    assertThat(seen).containsExactly("data abc");
    c.onRead(bytes("def" + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n"));
    assertThat(seen).as("nothing more while paused").containsExactly("data abc");
    assertThat(transport.readInterest).as("reading stopped").isFalse();

    held[0].resume();
    transport.runTasks();
    assertThat(seen).containsExactly("data abc", "data def");
    assertThat(transport.responses()).extracting(Wire.Response::body)
        .as("the body's answer, then the one of the request kept while paused")
        .containsExactly("done", "done");
  }

  @Test
  void aBodyNobodyListensToYetIsNotReadUntilADataListenerComes() {
    RequestBody[] held = new RequestBody[1];
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    HttpConnection c = connection((head, body) -> {
      held[0] = body;
      return answer;
    }, CONFIG);
    c.onRead(bytes("POST /late HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nwxyz"));
    assertThat(held[0].isPaused()).isTrue();
    held[0].onData(piece -> seen.add("data " + text(piece)))
        .onEnd(t -> answer.complete(HttpResponse.text(200, "late")));
    transport.runTasks();
    assertThat(seen).containsExactly("data wxyz");
    assertThat(transport.responses()).extracting(Wire.Response::body).containsExactly("late");
  }

  @Test
  void aConnectionThatClosesMidBodyTellsTheHandlersErrorListener() {
    HttpConnection c = connection(recorder(), CONFIG);
    c.onRead(bytes("POST /cut HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc"));
    c.close();
    assertThat(seen).containsExactly("head POST /cut 0", "data abc",
        "error the connection closed before the request body ended");
  }

  @Test
  void aBodylessRequestReachesTheStreamingHandlerWithABodyThatHasEnded() {
    HttpConnection c = connection(recorder(), CONFIG);
    c.onRead(bytes("GET /plain HTTP/1.1\r\nHost: h\r\n\r\n"));
    assertThat(seen).containsExactly("head GET /plain 0", "end null");
    transport.runTasks();
    assertThat(transport.responses()).extracting(Wire.Response::body).containsExactly("got 0");
  }

  @Test
  void calledWithAWholeRequestTheStreamingHandlerGetsTheBodyInOnePiece() throws Exception {
    HttpRequest whole = new HttpRequest("POST", "/w", true, HttpHeaders.EMPTY,
        "abcdef".getBytes(StandardCharsets.ISO_8859_1), 6, HttpHeaders.EMPTY, true);
    HttpResponse r = HttpHandler.streaming(recorder()).handle(whole).toCompletableFuture()
        .get();
    assertThat(seen).containsExactly("head POST /w 6", "data abcdef", "end null");
    assertThat(r.status()).isEqualTo(200);
  }
}
