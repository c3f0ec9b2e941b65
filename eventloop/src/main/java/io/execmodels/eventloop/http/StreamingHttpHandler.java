package io.execmodels.eventloop.http;

import java.util.concurrent.CompletionStage;

/**
 * An application that takes each request's body as it arrives, as Node's {@code req.on('data')}
 * does, rather than whole: for uploads larger than {@link HttpConfig#maxBodyBytes()}, or to start
 * work before the last byte. Wrap it with {@link HttpHandler#streaming} to serve it.
 *
 * <p>Called on the connection's thread when a request's header section is complete, before any
 * of its body is read; it must not block. It answers as {@link HttpHandler#handle} does, and may
 * answer before the body has ended (the connection reads the rest before the next request). The
 * body arrives through {@code body}: see {@link RequestBody} for its order, threading and
 * back-pressure. A streamed body is not bounded by {@link HttpConfig#maxBodyBytes()} and takes
 * nothing from {@link HttpConfig#maxBodyBytesInFlight()}: what it keeps is the application's.
 */
@FunctionalInterface
public interface StreamingHttpHandler {

  /**
   * Answers the request whose head is {@code head} ({@link HttpRequest#body()} is empty; the body
   * comes through {@code body}).
   *
   * @param head the request's line and header fields, with an empty body
   * @param body the body as it arrives, paused until a data listener is set
   * @return a stage of the response; null or a failed stage gives a {@code 500}
   */
  CompletionStage<HttpResponse> handle(HttpRequest head, RequestBody body);
}
