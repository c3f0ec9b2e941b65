package io.execmodels.eventloop.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental HTTP/1.1 request parser (RFC 9112): fed bytes as they arrive, split anywhere, it
 * yields one request at a time or the status a bad request must be answered with. After an error
 * it stays failed: the connection answers and closes, since framing can no longer be trusted.
 *
 * <p>Strict where leniency lets two parsers disagree about framing (request smuggling): lines end
 * in CRLF only (a bare CR or LF is an error), obs-fold and whitespace before a colon are errors,
 * Content-Length is digits only and must agree with itself, a request with both Content-Length
 * and Transfer-Encoding is an error, chunked must be the last transfer coding and appear once.
 *
 * <p><b>Streaming.</b> A parser made for a streaming handler reports a request's head ({@link
 * #HEAD}) as soon as its header section is complete and a body follows; the body's bytes then go
 * to the {@link RequestBody} given with {@link #streamTo}, as views of the input, without being
 * buffered, budgeted or bounded by {@link HttpConfig#maxBodyBytes()}; {@link #REQUEST} follows at
 * the body's end, as always. While that body is paused, {@link #feed} returns {@link #PAUSED}
 * and consumes nothing more.
 *
 * <p>Not thread-safe: one connection's thread feeds it.
 */
final class RequestParser {

  static final int NEED_MORE = 0;
  static final int REQUEST = 1;
  static final int ERROR = 2;
  /** Streaming only: the head of a request with a body is complete; see {@link #head()}. */
  static final int HEAD = 3;
  /** Streaming only: the body being streamed is paused; bytes after it stay in the input. */
  static final int PAUSED = 4;

  private static final int S_HEAD = 0;
  private static final int S_BODY = 1;
  private static final int S_CHUNK_LINE = 2;
  private static final int S_CHUNK_DATA = 3;
  private static final int S_CHUNK_CR = 4;
  private static final int S_CHUNK_LF = 5;
  private static final int S_TRAILER = 6;
  private static final int S_DONE = 7;
  private static final int S_FAILED = 8;

  // RFC 9112 section 2.2: ignore at least one empty line before the request line; a few more
  // are tolerated, an endless stream of them is not.
  private static final int MAX_LEADING_EMPTY_LINES = 8;
  private static final int MAX_CHUNK_LINE_BYTES = 4096;
  private static final int INITIAL_BODY_BYTES = 16 * 1024;
  private static final byte[] EMPTY = new byte[0];

  private static final String[] METHODS = {
    "GET", "PUT", "POST", "HEAD", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"
  };
  private static final String[] COMMON_NAMES = {
    "Host", "Accept", "Connection", "User-Agent", "Content-Type", "Content-Length",
    "Accept-Encoding", "Accept-Language", "Transfer-Encoding", "Expect", "Cookie",
    "Authorization", "Cache-Control", "host", "accept", "connection", "user-agent",
    "content-type", "content-length", "transfer-encoding"
  };

  private final HttpConfig config;
  /** Whether bodies are streamed (see the class comment) rather than buffered. */
  private final boolean streaming;
  /** The body being streamed, once {@link #streamTo} gave it; null when buffering. */
  private RequestBody sink;
  /** A head to report ({@link #HEAD}) before any of its body is read. */
  private boolean headPending;

  private int state = S_HEAD;
  private byte[] line = new byte[256];
  private int lineLen;
  private int lineLimit;
  private int lineLimitStatus;
  private boolean sawCr;
  private boolean requestLineDone;
  private int emptyLines;
  private int sectionBytes;

  private String method;
  private String target;
  private boolean http11;
  private final HttpHeaders.Builder headers = HttpHeaders.builder();
  private HttpHeaders builtHeaders;
  private HttpHeaders.Builder trailers;
  private byte[] body = EMPTY;
  private int bodyLen;
  private final BodyBudget budget;
  /** The bytes of {@link #budget} the body buffer holds: its length, once reserved. */
  private long reserved;
  private long remaining;
  private boolean keepAlive;
  private boolean expectContinue;

  private HttpRequest ready;
  private int errorStatus;
  private String errorMessage;

  RequestParser(HttpConfig config) {
    this(config, new BodyBudget(config.maxBodyBytesInFlight()), false);
  }

  /**
   * A parser whose body buffers count against {@code budget}, shared by a server's parsers; with
   * {@code streaming}, one that streams bodies instead (see the class comment).
   */
  RequestParser(HttpConfig config, BodyBudget budget, boolean streaming) {
    this.config = config;
    this.budget = budget;
    this.streaming = streaming;
    startRequest();
  }

  /**
   * Consumes bytes of {@code in} until a request is complete, the input is exhausted, or the
   * input is found bad; bytes after a complete request stay in {@code in}.
   *
   * @return {@link #REQUEST} (take it with {@link #take()}), {@link #NEED_MORE} (all of {@code
   *     in} consumed) or {@link #ERROR} (see {@link #errorStatus()})
   */
  int feed(ByteBuffer in) {
    while (true) {
      if (headPending) {
        headPending = false;
        return HEAD;
      }
      if (sink != null && sink.isPaused() && (state == S_BODY || state == S_CHUNK_DATA)) {
        return PAUSED;
      }
      switch (state) {
        case S_HEAD -> {
          if (!readLine(in)) {
            return state == S_FAILED ? ERROR : NEED_MORE;
          }
          headLine();
        }
        case S_BODY -> {
          int n = (int) Math.min(remaining, in.remaining());
          if (n == 0) {
            return NEED_MORE;
          }
          readBody(in, n);
          if (remaining == 0) {
            complete();
          }
        }
        case S_CHUNK_LINE -> {
          if (!readLine(in)) {
            return state == S_FAILED ? ERROR : NEED_MORE;
          }
          chunkLine();
        }
        case S_CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.remaining());
          if (n == 0) {
            return NEED_MORE;
          }
          readBody(in, n);
          if (remaining == 0) {
            state = S_CHUNK_CR;
          }
        }
        case S_CHUNK_CR, S_CHUNK_LF -> {
          if (!in.hasRemaining()) {
            return NEED_MORE;
          }
          byte b = in.get();
          if (state == S_CHUNK_CR ? b != '\r' : b != '\n') {
            fail(400, "chunk data is not followed by CRLF");
          } else {
            state = state == S_CHUNK_CR ? S_CHUNK_LF : S_CHUNK_LINE;
            startLine(MAX_CHUNK_LINE_BYTES, 400);
          }
        }
        case S_TRAILER -> {
          if (!readLine(in)) {
            return state == S_FAILED ? ERROR : NEED_MORE;
          }
          trailerLine();
        }
        case S_DONE -> {
          return REQUEST;
        }
        default -> {
          return ERROR;
        }
      }
    }
  }

  /**
   * After {@link #HEAD}: the request as far as its head, with an empty body, for the streaming
   * handler. Its body goes to the sink given next to {@link #streamTo}.
   */
  HttpRequest head() {
    return new HttpRequest(method, target, http11, builtHeaders, EMPTY, 0, HttpHeaders.EMPTY,
        keepAlive);
  }

  /** After {@link #HEAD}: where the body goes. */
  void streamTo(RequestBody body) {
    sink = body;
  }

  /** Whether the request being read streams its body (its head was reported). */
  boolean streamingBody() {
    return sink != null;
  }

  /** The body being streamed, or null. */
  RequestBody streamedBody() {
    return sink;
  }

  /** The complete request; the parser starts on the next one. */
  HttpRequest take() {
    if (state != S_DONE) {
      throw new IllegalStateException("no complete request");
    }
    HttpRequest r = ready;
    ready = null;
    startRequest();
    return r;
  }

  /**
   * The status to answer after {@link #ERROR}: 400, 408, 413, 414, 417, 431, 501, 503 (the
   * server's body budget) or 505.
   */
  int errorStatus() {
    return errorStatus;
  }

  /** What was wrong, for the response body and the log. */
  String errorMessage() {
    return errorMessage;
  }

  /** Whether no byte of a request has arrived yet (an empty line before it does not count). */
  boolean isIdle() {
    return state == S_HEAD && !requestLineDone && lineLen == 0 && !sawCr;
  }

  /** Whether the current request's header section is complete. */
  boolean headComplete() {
    return state != S_HEAD && state != S_FAILED;
  }

  /** Whether the request being read, its head complete, asked for {@code 100 Continue}. */
  boolean expectsContinue() {
    return expectContinue && (state == S_BODY || state == S_CHUNK_LINE && bodyLen == 0);
  }

  /** Records that {@code 100 Continue} was sent (or will not be). */
  void continueHandled() {
    expectContinue = false;
  }

  private void startRequest() {
    state = S_HEAD;
    requestLineDone = false;
    emptyLines = 0;
    sectionBytes = 0;
    headers.clear();
    builtHeaders = null;
    trailers = null;
    releaseBudget(); // the body went to the handler with its request, or is dropped
    sink = null;
    headPending = false;
    body = EMPTY;
    bodyLen = 0;
    remaining = 0;
    expectContinue = false;
    startLine(config.maxRequestLineBytes(), 414);
  }

  private void startLine(int limit, int status) {
    lineLen = 0;
    sawCr = false;
    lineLimit = limit;
    lineLimitStatus = status;
  }

  /** Reads up to the end of a line into {@code line}; true once the whole line is there. */
  private boolean readLine(ByteBuffer in) {
    if (in.hasArray() && !sawCr) {
      return readLineFromArray(in);
    }
    while (in.hasRemaining()) {
      byte b = in.get();
      if (sawCr) {
        if (b != '\n') {
          fail(400, "CR not followed by LF");
          return false;
        }
        return true;
      }
      if (b == '\r') {
        sawCr = true;
      } else if (b == '\n') {
        fail(400, "LF without CR");
        return false;
      } else {
        if (lineLen >= lineLimit) {
          return fail(lineLimitStatus, lineLimitMessage());
        }
        if (lineLen == line.length) {
          line = Arrays.copyOf(line, Math.min(line.length * 2, Math.max(lineLimit, 256)));
        }
        line[lineLen++] = b;
      }
    }
    return false;
  }

  /** {@link #readLine} for heap buffers: scans and copies the array in bulk. */
  private boolean readLineFromArray(ByteBuffer in) {
    byte[] a = in.array();
    int base = in.arrayOffset();
    int start = base + in.position();
    int end = base + in.limit();
    int p = start;
    while (p < end && a[p] != '\r' && a[p] != '\n') {
      p++;
    }
    int n = p - start;
    if (lineLen + n > lineLimit) {
      in.position(p - base);
      return fail(lineLimitStatus, lineLimitMessage());
    }
    if (lineLen + n > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLen + n, Math.min(line.length * 2, lineLimit)));
    }
    System.arraycopy(a, start, line, lineLen, n);
    lineLen += n;
    if (p == end) {
      in.position(p - base);
      return false;
    }
    if (a[p] == '\n') {
      in.position(p + 1 - base);
      return fail(400, "LF without CR");
    }
    if (p + 1 == end) {
      sawCr = true;
      in.position(end - base);
      return false;
    }
    in.position(p + 2 - base);
    if (a[p + 1] != '\n') {
      return fail(400, "CR not followed by LF");
    }
    return true;
  }

  private String lineLimitMessage() {
    return switch (lineLimitStatus) {
      case 414 -> "request line too long";
      case 431 -> "header section too large";
      default -> "chunk-size line too long";
    };
  }

  private void headLine() {
    if (!requestLineDone) {
      if (lineLen == 0) {
        if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
          fail(400, "too many empty lines before the request line");
        } else {
          startLine(config.maxRequestLineBytes(), 414);
        }
        return;
      }
      if (requestLine()) {
        requestLineDone = true;
        startLine(config.maxHeaderBytes(), 431);
      }
      return;
    }
    sectionBytes += lineLen + 2;
    if (sectionBytes > config.maxHeaderBytes()) {
      fail(431, "header section too large");
      return;
    }
    if (lineLen == 0) {
      finishHead();
      return;
    }
    if (field(headers)) {
      startLine(Math.max(config.maxHeaderBytes() - sectionBytes, 0), 431);
    }
  }

  private boolean requestLine() {
    int sp1 = indexOf(' ', 0);
    if (sp1 <= 0) {
      return fail(400, "malformed request line");
    }
    for (int i = 0; i < sp1; i++) {
      if (!Ascii.isTchar(line[i])) {
        return fail(400, "method is not a token");
      }
    }
    int sp2 = indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 == sp1 + 1) {
      return fail(400, "malformed request line");
    }
    for (int i = sp1 + 1; i < sp2; i++) {
      if (!Ascii.isTargetByte(line[i])) {
        return fail(400, "request-target holds whitespace, a control or a non-ASCII byte");
      }
    }
    int v = sp2 + 1;
    if (lineLen - v != 8
        || line[v] != 'H' || line[v + 1] != 'T' || line[v + 2] != 'T' || line[v + 3] != 'P'
        || line[v + 4] != '/' || !isDigit(line[v + 5]) || line[v + 6] != '.'
        || !isDigit(line[v + 7])) {
      return fail(400, "malformed HTTP version");
    }
    if (line[v + 5] != '1') {
      return fail(505, "only HTTP/1.x is supported");
    }
    http11 = line[v + 7] != '0';
    method = method(sp1);
    byte t = line[sp1 + 1];
    int targetLen = sp2 - sp1 - 1;
    boolean formOk = t == '/'
        || t == '*' && targetLen == 1 && method.equals("OPTIONS")
        || method.equals("CONNECT")
        || indexOf(':', sp1 + 1) > sp1 + 1 && indexOf(':', sp1 + 1) < sp2;
    if (!formOk) {
      return fail(400, "request-target is in none of the four forms");
    }
    target = new String(line, sp1 + 1, targetLen, StandardCharsets.ISO_8859_1);
    return true;
  }

  /** Parses one field line into {@code into}; false (failed) if it is bad or one too many. */
  private boolean field(HttpHeaders.Builder into) {
    byte first = line[0];
    if (first == ' ' || first == '\t') {
      return fail(400, "obs-fold (a field line starting with whitespace) is not accepted");
    }
    int colon = 0;
    while (colon < lineLen && line[colon] != ':') {
      if (!Ascii.isTchar(line[colon])) {
        return fail(400, "header name holds a character that is not a token character");
      }
      colon++;
    }
    if (colon == lineLen) {
      return fail(400, "header line without a colon");
    }
    if (colon == 0) {
      return fail(400, "empty header name");
    }
    int vs = colon + 1;
    int ve = lineLen;
    while (vs < ve && Ascii.isOws(line[vs])) {
      vs++;
    }
    while (ve > vs && Ascii.isOws(line[ve - 1])) {
      ve--;
    }
    for (int i = vs; i < ve; i++) {
      if (!Ascii.isFieldByte(line[i])) {
        return fail(400, "header value holds a control character");
      }
    }
    if (into.size() >= config.maxHeaderCount()) {
      return fail(431, "too many header fields");
    }
    into.addUnchecked(name(colon), new String(line, vs, ve - vs, StandardCharsets.ISO_8859_1));
    return true;
  }

  private void finishHead() {
    HttpHeaders h = headers.build();
    builtHeaders = h;
    int hosts = 0;
    boolean hasTe = false;
    boolean hasCl = false;
    for (int i = 0; i < h.size(); i++) {
      String n = h.name(i);
      if (n.equalsIgnoreCase("host")) {
        hosts++;
      } else if (n.equalsIgnoreCase("transfer-encoding")) {
        hasTe = true;
      } else if (n.equalsIgnoreCase("content-length")) {
        hasCl = true;
      }
    }
    if (hosts > 1) {
      fail(400, "more than one Host header");
      return;
    }
    if (hosts == 0 && http11) {
      fail(400, "an HTTP/1.1 request without a Host header");
      return;
    }
    if (hosts == 1 && !Ascii.isHost(h.get("host"))) {
      fail(400, "invalid Host header");
      return;
    }
    keepAlive = http11
        ? !h.containsToken("connection", "close")
        : h.containsToken("connection", "keep-alive") && !h.containsToken("connection", "close");
    String expect = h.get("expect");
    if (expect != null) {
      if (!expect.equalsIgnoreCase("100-continue")) {
        fail(417, "unsupported expectation: " + expect);
        return;
      }
      expectContinue = http11;
    }
    if (hasTe) {
      if (!http11) {
        fail(400, "Transfer-Encoding in an HTTP/1.0 request");
      } else if (hasCl) {
        fail(400, "both Content-Length and Transfer-Encoding");
      } else if (transferCodingsOk(h)) {
        state = S_CHUNK_LINE;
        startLine(MAX_CHUNK_LINE_BYTES, 400);
        headPending = streaming;
      }
      return;
    }
    long length = hasCl ? contentLength(h) : 0;
    if (length < 0) {
      return;
    }
    if (length == 0) {
      complete();
      return;
    }
    remaining = length;
    state = S_BODY;
    if (streaming) {
      headPending = true;
      return;
    }
    int size = (int) Math.min(length, INITIAL_BODY_BYTES);
    if (!reserve(size)) {
      return;
    }
    body = new byte[size];
  }

  /** RFC 9112 sections 6.1 and 6.3: chunked, last and once; any other coding is not ours. */
  private boolean transferCodingsOk(HttpHeaders h) {
    int codings = 0;
    int chunked = 0;
    int unknown = 0;
    boolean lastChunked = false;
    for (String value : h.getAll("transfer-encoding")) {
      for (String element : value.split(",", -1)) {
        int semi = element.indexOf(';');
        String coding = (semi < 0 ? element : element.substring(0, semi)).strip();
        if (coding.isEmpty()) {
          if (semi >= 0) {
            return fail(400, "malformed Transfer-Encoding");
          }
          continue;
        }
        if (!Ascii.isToken(coding)) {
          return fail(400, "malformed Transfer-Encoding");
        }
        codings++;
        lastChunked = coding.equalsIgnoreCase("chunked");
        if (lastChunked) {
          chunked++;
        } else {
          unknown++;
        }
      }
    }
    if (codings == 0) {
      return fail(400, "empty Transfer-Encoding");
    }
    if (!lastChunked) {
      return fail(400, "chunked is not the final transfer coding");
    }
    if (chunked > 1) {
      return fail(400, "chunked applied more than once");
    }
    if (unknown > 0) {
      return fail(501, "unsupported transfer coding");
    }
    return true;
  }

  /** The agreed Content-Length, or -1 after failing. */
  private long contentLength(HttpHeaders h) {
    String agreed = null;
    for (String value : h.getAll("content-length")) {
      for (String element : value.split(",", -1)) {
        String digits = element.strip();
        if (digits.isEmpty()) {
          fail(400, "invalid Content-Length");
          return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
          if (!isDigit(digits.charAt(i))) {
            fail(400, "invalid Content-Length");
            return -1;
          }
        }
        int z = 0;
        while (z < digits.length() - 1 && digits.charAt(z) == '0') {
          z++;
        }
        String normal = digits.substring(z);
        if (agreed != null && !agreed.equals(normal)) {
          fail(400, "conflicting Content-Length values");
          return -1;
        }
        agreed = normal;
      }
    }
    // A streamed body is the handler's to bound; 18 digits still fit a long.
    if (streaming ? agreed.length() > 18
        : agreed.length() > 10 || Long.parseLong(agreed) > config.maxBodyBytes()) {
      fail(413, "body larger than "
          + (streaming ? "this server can count" : config.maxBodyBytes() + " bytes"));
      return -1;
    }
    return Long.parseLong(agreed);
  }

  private void chunkLine() {
    long size = 0;
    int i = 0;
    while (i < lineLen) {
      int v = Ascii.hexValue(line[i]);
      if (v < 0) {
        break;
      }
      size = size * 16 + v;
      // Checked at every digit, so the size never overflows; a streamed body only has to fit.
      if (size > (streaming ? Long.MAX_VALUE >> 8 : (long) config.maxBodyBytes() - bodyLen)) {
        fail(413, "body larger than "
            + (streaming ? "this server can count" : config.maxBodyBytes() + " bytes"));
        return;
      }
      i++;
    }
    if (i == 0) {
      fail(400, "chunk size is not hexadecimal");
      return;
    }
    if (!chunkExtensionsOk(i)) {
      fail(400, "malformed chunk extension");
      return;
    }
    if (size == 0) {
      state = S_TRAILER;
      sectionBytes = 0;
      trailers = HttpHeaders.builder();
      startLine(config.maxHeaderBytes(), 431);
      return;
    }
    remaining = size;
    state = S_CHUNK_DATA;
  }

  /** chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ), read to end. */
  private boolean chunkExtensionsOk(int i) {
    while (true) {
      i = skipBws(i);
      if (i == lineLen) {
        return true;
      }
      if (line[i] != ';') {
        return false;
      }
      i = skipBws(i + 1);
      int nameStart = i;
      while (i < lineLen && Ascii.isTchar(line[i])) {
        i++;
      }
      if (i == nameStart) {
        return false;
      }
      int afterName = i;
      i = skipBws(i);
      if (i < lineLen && line[i] == '=') {
        i = skipBws(i + 1);
        if (i < lineLen && line[i] == '"') {
          i = quotedStringEnd(i + 1);
          if (i < 0) {
            return false;
          }
        } else {
          int valueStart = i;
          while (i < lineLen && Ascii.isTchar(line[i])) {
            i++;
          }
          if (i == valueStart) {
            return false;
          }
        }
      } else {
        i = afterName;
      }
    }
  }

  /** The index after the closing quote of a quoted-string whose content starts at i, or -1. */
  private int quotedStringEnd(int i) {
    while (i < lineLen) {
      int c = line[i] & 0xff;
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 == lineLen || !Ascii.isFieldByte(line[i + 1])) {
          return -1;
        }
        i += 2;
      } else if (Ascii.isFieldByte(c)) {
        i++;
      } else {
        return -1;
      }
    }
    return -1;
  }

  private int skipBws(int i) {
    while (i < lineLen && Ascii.isOws(line[i])) {
      i++;
    }
    return i;
  }

  private void trailerLine() {
    sectionBytes += lineLen + 2;
    if (sectionBytes > config.maxHeaderBytes()) {
      fail(431, "trailer section too large");
      return;
    }
    if (lineLen == 0) {
      complete();
      return;
    }
    if (field(trailers)) {
      startLine(Math.max(config.maxHeaderBytes() - sectionBytes, 0), 431);
    }
  }

  private void readBody(ByteBuffer in, int n) {
    if (sink != null) {
      ByteBuffer piece = in.slice(in.position(), n).asReadOnlyBuffer();
      in.position(in.position() + n);
      remaining -= n;
      sink.data(piece);
      return;
    }
    if (bodyLen + n > body.length) {
      int size = (int) Math.min(
          Math.max((long) body.length * 2, (long) bodyLen + n), config.maxBodyBytes());
      if (!reserve(size)) {
        return; // failed: nothing consumed
      }
      body = Arrays.copyOf(body, size);
    }
    in.get(body, bodyLen, n);
    bodyLen += n;
    remaining -= n;
  }

  /**
   * Takes room in the server's budget for a body buffer of {@code size} bytes, or fails the
   * request with 503 when the server's bodies in flight would pass it.
   */
  private boolean reserve(int size) {
    long more = size - reserved;
    if (more > 0 && !budget.reserve(more)) {
      return fail(503, "request bodies being received on this server would pass "
          + budget.max() + " bytes");
    }
    reserved = Math.max(reserved, size);
    return true;
  }

  /** Gives the body buffer's room back to the budget; idempotent. */
  void releaseBudget() {
    budget.release(reserved);
    reserved = 0;
  }

  private void complete() {
    ready = new HttpRequest(method, target, http11, builtHeaders, body, bodyLen,
        trailers == null ? HttpHeaders.EMPTY : trailers.build(), keepAlive);
    state = S_DONE;
  }

  private boolean fail(int status, String message) {
    state = S_FAILED;
    errorStatus = status;
    errorMessage = message;
    return false;
  }

  private int indexOf(char c, int from) {
    for (int i = from; i < lineLen; i++) {
      if (line[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private String method(int len) {
    for (String m : METHODS) {
      if (matches(m, 0, len)) {
        return m;
      }
    }
    return new String(line, 0, len, StandardCharsets.ISO_8859_1);
  }

  private String name(int len) {
    for (String n : COMMON_NAMES) {
      if (matches(n, 0, len)) {
        return n;
      }
    }
    return new String(line, 0, len, StandardCharsets.ISO_8859_1);
  }

  private boolean matches(String s, int from, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (line[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
