package io.execmodels.eventloop.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One HTTP/1.1 server connection as a state machine over a byte stream, independent of how the
 * bytes move: the transport feeds it what it reads ({@link #onRead}, {@link #onEof}), tells it
 * when it may write again ({@link #onWritable}), and asks it on a timer whether to drop the
 * connection ({@link #checkTimeouts}); it writes, half-closes and closes through its {@link
 * HttpTransport}.
 *
 * <p><b>Requests and responses.</b> Each complete request goes to the {@link HttpHandler} at once,
 * in arrival order, also when several arrive pipelined in one read or split across reads at any
 * byte. Responses are written in request order, whatever order the handler's stages complete in.
 * HTTP/1.1 connections persist unless the request or response says {@code Connection: close};
 * HTTP/1.0 ones only when the request says {@code Connection: keep-alive}. A {@linkplain
 * HttpHandler#streaming streaming} handler gets each request at the end of its header section
 * instead, and its body as it is read ({@link RequestBody}); while that body is paused, nothing
 * more is read, and no request timeout runs.
 *
 * <p><b>Bad input.</b> A request that cannot be parsed is answered with its status — 400
 * (malformed, or ambiguous framing: both Content-Length and Transfer-Encoding, conflicting
 * Content-Length, chunked not last), 413 (body over {@link HttpConfig#maxBodyBytes()}), 414, 417,
 * 431 (header section over its limits), 501 (a transfer coding other than chunked), 505 — after
 * the responses of the requests before it, and the connection then closes; nothing after the bad
 * bytes is read as a request.
 *
 * <p><b>Closing.</b> After its last response the connection half-closes ({@link
 * HttpTransport#shutdownOutput()}) and discards input until the peer closes or {@link
 * HttpConfig#lingerTimeout()} passes, so the peer sees the response, not a reset. A peer that
 * half-closes after whole requests has them answered, then the connection closes; one that
 * half-closes mid-request is answered 400.
 *
 * <p><b>Back-pressure.</b> Reading stops (read interest off) while {@link
 * HttpConfig#maxPipelined()} requests await their responses or more than {@link
 * HttpConfig#maxPendingWriteBytes()} wait to be written; input already read is kept and parsed
 * when there is room.
 *
 * <p><b>Timeouts</b> (all on the {@code nanoClock} given at construction): idle between requests
 * for {@link HttpConfig#keepAliveTimeout()} → closed quietly; a request started but its headers
 * not complete within {@link HttpConfig#headersTimeout()}, or not complete within {@link
 * HttpConfig#requestTimeout()} → 408 and closed (slowloris); written bytes not progressing for
 * {@link HttpConfig#sendTimeout()} → closed. Time spent waiting for the handler does not count.
 *
 * <p><b>Threading.</b> Not thread-safe: every method is called on the one thread that drives the
 * connection (the loop thread). Handler completions from other threads come back through {@link
 * HttpTransport#execute}. No method blocks, none throws on bad input, and none calls the
 * transport's {@code close} more than once.
 */
public final class HttpConnection {

  private static final System.Logger LOG = System.getLogger("io.execmodels");
  private static final HttpResponse INTERNAL_ERROR =
      HttpResponse.text(500, "internal server error\n");

  private final HttpTransport transport;
  private final HttpHandler handler;
  /** The application, if it reads bodies as they arrive ({@link HttpHandler#streaming}). */
  private final StreamingHttpHandler streaming;
  private final HttpConfig config;
  private final LongSupplier nanoClock;
  private final RequestParser parser;
  private final ResponseEncoder encoder;
  private final ArrayDeque<Exchange> inflight = new ArrayDeque<>();
  // Input read but not yet parsed, in read mode; null or empty when there is none.
  private ByteBuffer stash;

  private boolean closed;
  private boolean stopReading;
  // shutdown() was called: the last response read says Connection: close.
  private boolean draining;
  private boolean peerEof;
  private boolean outputShut;
  private boolean readInterest = true;
  private boolean writeInterest;
  private boolean progressing;
  private boolean again;

  // The clock read once per event: every timestamp an event sets is this one.
  private long now;
  private long lastActivity;
  private long requestStart;
  private long lastWriteProgress;
  private long lingerStart;
  private long requestsRead;
  private long responsesWritten;

  /**
   * A connection in its initial state: read interest on, nothing written.
   *
   * @param transport where bytes go; the transport has read interest on initially
   * @param handler answers each request
   * @param config limits and timeouts
   * @param nanoClock monotonic time in nanoseconds (the loop's cached time, or {@link
   *     System#nanoTime}); read on every event
   */
  public HttpConnection(
      HttpTransport transport, HttpHandler handler, HttpConfig config, LongSupplier nanoClock) {
    this(transport, handler, config, nanoClock,
        new BodyBudget(Objects.requireNonNull(config, "config").maxBodyBytesInFlight()));
  }

  /**
   * A connection whose request bodies count against {@code bodyBudget}, shared by the
   * connections of one server ({@link HttpConfig#maxBodyBytesInFlight()}); otherwise as {@link
   * #HttpConnection(HttpTransport, HttpHandler, HttpConfig, LongSupplier)}.
   *
   * @param transport where bytes go; the transport has read interest on initially
   * @param handler answers each request
   * @param config limits and timeouts
   * @param nanoClock monotonic time in nanoseconds (the loop's cached time, or {@link
   *     System#nanoTime}); read on every event
   * @param bodyBudget the budget this connection's request bodies take their bytes from
   */
  public HttpConnection(HttpTransport transport, HttpHandler handler, HttpConfig config,
      LongSupplier nanoClock, BodyBudget bodyBudget) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.config = Objects.requireNonNull(config, "config");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.streaming = handler instanceof HttpHandler.Streaming st ? st.handler() : null;
    this.parser = new RequestParser(config, Objects.requireNonNull(bodyBudget, "bodyBudget"),
        streaming != null);
    this.encoder = new ResponseEncoder(config.dateHeader() ? System::currentTimeMillis : null);
    this.now = nanoClock.getAsLong();
    this.lastActivity = now;
  }

  /**
   * Bytes read from the peer. Consumes all of {@code in} (its position ends at its limit): what
   * cannot be parsed yet is copied and kept, so the caller may reuse the buffer at once.
   *
   * @param in the bytes read, from its position to its limit; free to reuse on return
   */
  public void onRead(ByteBuffer in) {
    if (closed || stopReading || peerEof) {
      in.position(in.limit());
      return;
    }
    now = nanoClock.getAsLong();
    lastActivity = now;
    if ((stash == null || !stash.hasRemaining()) && canParse()) {
      parse(in);
    }
    if (stopReading) {
      in.position(in.limit());
    } else if (in.hasRemaining()) {
      keep(in);
    }
    progress();
  }

  /** The peer half-closed its side (read returned -1). */
  public void onEof() {
    if (closed) {
      return;
    }
    now = nanoClock.getAsLong();
    peerEof = true;
    if (outputShut) {
      close();
      return;
    }
    progress();
  }

  /** The transport can take bytes again (after write interest was asked for). */
  public void onWritable() {
    now = nanoClock.getAsLong();
    progress();
  }

  /**
   * Applies the timeouts at the clock's current time: answers 408 to a request that is too slow,
   * closes an idle, lingering or stalled connection.
   *
   * @return whether the connection is closed or now on its way to close because of a timeout
   *     (or was already closed); the transport need not do anything more than it is told
   */
  public boolean checkTimeouts() {
    if (closed) {
      return true;
    }
    now = nanoClock.getAsLong();
    if (outputShut) {
      if (now - lingerStart >= config.lingerTimeout().toNanos()) {
        close();
        return true;
      }
      return false;
    }
    if (encoder.pending() > 0 && now - lastWriteProgress >= config.sendTimeout().toNanos()) {
      LOG.log(Level.DEBUG, "HTTP connection dropped: the peer does not read");
      close();
      return true;
    }
    if (stopReading) {
      return false;
    }
    boolean stashed = stash != null && stash.hasRemaining();
    if (!parser.isIdle() && !stashed && !streamPaused()) {
      long age = now - requestStart;
      if (!parser.headComplete() && age >= config.headersTimeout().toNanos()
          || age >= config.requestTimeout().toNanos()) {
        reject(408, "request not received in time");
        progress();
        return true;
      }
      return false;
    }
    if (parser.isIdle() && !stashed && inflight.isEmpty() && encoder.pending() == 0
        && now - lastActivity >= config.keepAliveTimeout().toNanos()) {
      close();
      return true;
    }
    return false;
  }

  /**
   * When {@link #checkTimeouts()} should next be called, on the {@code nanoClock}'s scale; {@link
   * Long#MAX_VALUE} if no timeout applies (closed, or waiting only on the handler).
   *
   * @return the next deadline in nanoseconds, or {@link Long#MAX_VALUE} for none
   */
  public long nextDeadline() {
    if (closed) {
      return Long.MAX_VALUE;
    }
    if (outputShut) {
      return lingerStart + config.lingerTimeout().toNanos();
    }
    long next = Long.MAX_VALUE;
    if (encoder.pending() > 0) {
      next = lastWriteProgress + config.sendTimeout().toNanos();
    }
    if (stopReading) {
      return next;
    }
    boolean stashed = stash != null && stash.hasRemaining();
    if (!parser.isIdle() && !stashed && !streamPaused()) {
      long limit = parser.headComplete() ? config.requestTimeout().toNanos()
          : Math.min(config.headersTimeout().toNanos(), config.requestTimeout().toNanos());
      return Math.min(next, requestStart + limit);
    }
    if (parser.isIdle() && !stashed && inflight.isEmpty() && encoder.pending() == 0) {
      return Math.min(next, lastActivity + config.keepAliveTimeout().toNanos());
    }
    return next;
  }

  /**
   * Ends the connection, for a server that stops. An idle one (between requests: nothing read,
   * nothing to answer or write) closes at once, as Node 19+'s {@code server.close()} destroys
   * idle keep-alive connections ({@code closeIdleConnections}) rather than waiting for the
   * client. Any other ends gracefully: it reads no further request, answers the ones already read
   * (the last with {@code Connection: close}), then half-closes and closes as after any last
   * response. A request partly read is dropped unanswered. Idempotent.
   */
  public void shutdown() {
    if (closed || stopReading) {
      return;
    }
    boolean stashed = stash != null && stash.hasRemaining();
    if (parser.isIdle() && !stashed && inflight.isEmpty() && encoder.pending() == 0) {
      close();
      return;
    }
    now = nanoClock.getAsLong();
    stopReading = true;
    draining = true;
    stash = null;
    progress();
  }

  /**
   * {@link #shutdown()} for a server handing its port over to another process (a cluster
   * worker in a rolling restart), where a client that connected expects an answer: a connection
   * with a request on its way (one partly read or read but not parsed yet, or none at all on a
   * connection that has had none: just accepted, its request not read yet) reads and answers
   * that one request, with {@code Connection: close}, within the usual header, request and
   * keep-alive timeouts; no further request is read. Otherwise as {@link #shutdown()}: an idle
   * keep-alive connection closes at once, requests already read are answered. This is what
   * Node 20's {@code server.close()} does with such connections (checked with {@code node}: one
   * accepted before the close whose request comes after it, or is half sent, is answered), except
   * that Node waits for a silent one with no deadline, where this closes it after the keep-alive
   * timeout. Idempotent.
   */
  public void drain() {
    if (closed || stopReading) {
      return;
    }
    boolean stashed = stash != null && stash.hasRemaining();
    if (parser.isIdle() && !stashed && requestsRead > 0) {
      shutdown();
      return;
    }
    // Read on until the next request is in: answer() stops reading after it, and its response,
    // the last, says Connection: close.
    now = nanoClock.getAsLong();
    draining = true;
    progress();
  }

  /**
   * Closes at once, both ways, dropping unanswered requests and unwritten bytes: for the
   * transport's own failures (a read error) and for a forced stop ({@link #shutdown()} is the
   * graceful one). Idempotent.
   */
  public void close() {
    parser.releaseBudget(); // first: a close that finds the connection closed must still do it
    if (closed) {
      return;
    }
    closed = true;
    failStream(new IOException("the connection closed before the request body ended"));
    for (Exchange x : inflight) {
      x.dropped = true;
    }
    inflight.clear();
    stash = null;
    transport.close();
  }

  /**
   * Whether the connection is closed.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Encoded bytes waiting for the transport to take them.
   *
   * @return the number of encoded bytes not yet written; 0 if none
   */
  public int pendingWriteBytes() {
    return encoder.pending();
  }

  /**
   * Requests read and not yet answered (their responses not yet encoded).
   *
   * @return the number of requests awaiting their responses; 0 if none
   */
  public int inFlight() {
    return inflight.size();
  }

  /**
   * Requests read so far (bad ones not counted).
   *
   * @return the number of well-formed requests read, in total
   */
  public long requestsRead() {
    return requestsRead;
  }

  /**
   * Responses encoded so far, error responses included.
   *
   * @return the number of responses encoded, in total
   */
  public long responsesWritten() {
    return responsesWritten;
  }

  private boolean canParse() {
    if (stopReading) {
      return false;
    }
    RequestBody body = parser.streamedBody();
    if (body != null) {
      // The rest of a streamed body is read while its own exchange waits, as fast as its
      // handler takes it.
      return !body.isPaused();
    }
    return inflight.size() < config.maxPipelined()
        && encoder.pending() < config.maxPendingWriteBytes();
  }

  private void parse(ByteBuffer in) {
    while (in.hasRemaining() && canParse()) {
      if (parser.isIdle()) {
        requestStart = now;
      }
      int r = parser.feed(in);
      if (r == RequestParser.HEAD) {
        startStream(parser.head());
      } else if (r == RequestParser.REQUEST) {
        RequestBody streamed = parser.streamedBody();
        HttpRequest request = parser.take();
        if (streamed != null) {
          streamed.end(request.trailers());
        } else {
          dispatch(request);
        }
        // Encoding at once keeps the pending-bytes limit exact within one read's pipelined batch.
        encodeReady();
      } else if (r == RequestParser.ERROR) {
        failStream(new IOException("malformed request body: " + parser.errorMessage()));
        reject(parser.errorStatus(), parser.errorMessage());
        in.position(in.limit());
      } else if (r == RequestParser.PAUSED) {
        return;
      }
    }
  }

  private void keep(ByteBuffer in) {
    if (stash == null || stash.capacity() - stash.limit() < in.remaining()) {
      int held = stash == null ? 0 : stash.remaining();
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(4096, 2 * (held + in.remaining())));
      if (stash != null) {
        bigger.put(stash);
      }
      bigger.flip();
      stash = bigger;
    }
    int start = stash.limit();
    stash.limit(start + in.remaining());
    stash.put(start, in, in.position(), in.remaining());
    in.position(in.limit());
  }

  /** A streamed request's head is complete: the handler gets it, and its body as it comes. */
  private void startStream(HttpRequest head) {
    // A body's listeners may ask to read on from inside a parse; the loop's queue runs it after.
    RequestBody body = new RequestBody(() -> transport.execute(this::readOn));
    parser.streamTo(body);
    answer(head, () -> streaming.handle(head, body));
  }

  /**
   * Whether a streamed body waits for its handler (paused, or no data listener yet): time spent
   * so is the handler's, and no request timeout runs.
   */
  private boolean streamPaused() {
    RequestBody body = parser.streamedBody();
    return body != null && body.isPaused();
  }

  /** A paused streamed body was resumed, or got its first data listener. */
  private void readOn() {
    if (closed) {
      return;
    }
    now = nanoClock.getAsLong();
    progress();
  }

  /** The connection gives up on a body being streamed: its handler hears why. */
  private void failStream(Throwable why) {
    RequestBody body = parser.streamedBody();
    if (body != null) {
      body.fail(why);
    }
  }

  private void dispatch(HttpRequest request) {
    if (streaming != null) {
      // A request without a body (or with an empty one) was never reported as a head.
      RequestBody body = new RequestBody(() -> { });
      answer(request, () -> streaming.handle(request, body));
      body.end(request.trailers());
      return;
    }
    answer(request, () -> handler.handle(request));
  }

  /** Puts {@code request} in flight and asks {@code handle} for its answer. */
  private void answer(HttpRequest request, Supplier<CompletionStage<HttpResponse>> handle) {
    requestsRead++;
    Exchange x = new Exchange(request);
    inflight.add(x);
    if (!x.keepAlive || draining) {
      stopReading = true;
    }
    CompletionStage<HttpResponse> stage;
    try {
      stage = handle.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "HTTP handler threw on " + request, e);
      x.response = INTERNAL_ERROR;
      return;
    }
    if (stage == null) {
      LOG.log(Level.WARNING, "HTTP handler returned null for " + request);
      x.response = INTERNAL_ERROR;
    } else if (stage instanceof CompletableFuture<HttpResponse> f && f.isDone()) {
      settle(x, f);
    } else {
      stage.whenComplete((r, e) -> transport.execute(() -> complete(x, r, e)));
    }
  }

  private void settle(Exchange x, CompletableFuture<HttpResponse> f) {
    try {
      x.response = answer(x, f.join(), null);
    } catch (CompletionException | CancellationException e) {
      x.response = answer(x, null, e instanceof CompletionException ? e.getCause() : e);
    }
  }

  private void complete(Exchange x, HttpResponse r, Throwable e) {
    HttpResponse answer = answer(x, r, e);
    if (closed || x.dropped) {
      return;
    }
    x.response = answer;
    now = nanoClock.getAsLong();
    progress();
  }

  private static HttpResponse answer(Exchange x, HttpResponse r, Throwable e) {
    if (e != null) {
      LOG.log(Level.WARNING, "HTTP handler failed on " + x.request, e);
      return INTERNAL_ERROR;
    }
    if (r == null) {
      LOG.log(Level.WARNING, "HTTP handler completed with null for " + x.request);
      return INTERNAL_ERROR;
    }
    return r;
  }

  private void reject(int status, String message) {
    LOG.log(Level.DEBUG, "HTTP request rejected: {0} {1}", status, message);
    inflight.add(new Exchange(status, message));
    stopReading = true;
    stash = null;
  }

  /** Parses kept input, encodes answered requests, writes, and decides what comes next. */
  private void progress() {
    if (progressing) {
      again = true;
      return;
    }
    progressing = true;
    try {
      do {
        again = false;
        if (closed) {
          return;
        }
        if (stash != null && stash.hasRemaining() && canParse()) {
          parse(stash);
        }
        encodeReady();
        if (parser.expectsContinue() && !stopReading && (inflight.isEmpty()
            || parser.streamingBody() && inflight.size() == 1 && !streamPaused())) {
          encoder.writeContinue();
          parser.continueHandled();
        }
        flush();
        if (closed) {
          return;
        }
        decide();
      } while (again || stash != null && stash.hasRemaining() && canParse());
    } finally {
      progressing = false;
    }
  }

  private void encodeReady() {
    Exchange x;
    while ((x = inflight.peek()) != null && x.ready()) {
      inflight.poll();
      boolean mustClose;
      if (x.errorStatus != 0) {
        encoder.encodeError(x.errorStatus, x.errorMessage, x.http11);
        mustClose = true;
      } else {
        mustClose = encoder.encode(
            x.response, x.head, x.http11, !x.keepAlive || draining && inflight.isEmpty());
      }
      responsesWritten++;
      if (mustClose) {
        // Pipelined requests after this one go unanswered: a client retries them elsewhere.
        for (Exchange later : inflight) {
          later.dropped = true;
        }
        inflight.clear();
        stopReading = true;
        stash = null;
        return;
      }
    }
  }

  private void flush() {
    if (encoder.pending() == 0) {
      return;
    }
    ByteBuffer out = encoder.out();
    out.flip();
    int n;
    try {
      n = transport.write(out);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "HTTP connection write failed", e);
      out.compact();
      close();
      return;
    }
    out.compact();
    if (n > 0 || !writeInterest) {
      lastWriteProgress = now;
    }
    if (encoder.pending() == 0) {
      lastActivity = now;
      encoder.shrinkIfEmpty();
    }
  }

  private void decide() {
    boolean stashed = stash != null && stash.hasRemaining();
    if (peerEof && !stopReading && !stashed) {
      if (!parser.isIdle()) {
        reject(400, "connection closed in the middle of a request");
        again = true;
        return;
      }
      stopReading = true;
    }
    if (stopReading && inflight.isEmpty() && encoder.pending() == 0) {
      if (peerEof) {
        close();
        return;
      }
      if (!outputShut) {
        try {
          transport.shutdownOutput();
        } catch (IOException e) {
          LOG.log(Level.DEBUG, "HTTP connection shutdownOutput failed", e);
          close();
          return;
        }
        outputShut = true;
        lingerStart = now;
      }
    }
    boolean wantWrite = encoder.pending() > 0;
    if (wantWrite != writeInterest) {
      writeInterest = wantWrite;
      transport.setWriteInterest(wantWrite);
    }
    boolean wantRead = outputShut || !stopReading && !peerEof && !stashed && canParse();
    if (wantRead != readInterest) {
      readInterest = wantRead;
      transport.setReadInterest(wantRead);
    }
  }
}
