package io.execmodels.eventloop.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One parsed HTTP/1.x request: its request line, header fields, body (already de-chunked) and
 * trailer fields. The body is held whole in memory, within {@link HttpConfig#maxBodyBytes()}.
 *
 * <p>Immutable and thread-safe: a handler may keep it and read it from any thread, after the
 * connection has moved on to later requests.
 */
public final class HttpRequest {

  private final String method;
  private final String target;
  private final boolean http11;
  private final HttpHeaders headers;
  private final byte[] body;
  private final int bodyLength;
  private final HttpHeaders trailers;
  private final boolean keepAlive;

  HttpRequest(
      String method,
      String target,
      boolean http11,
      HttpHeaders headers,
      byte[] body,
      int bodyLength,
      HttpHeaders trailers,
      boolean keepAlive) {
    this.method = method;
    this.target = target;
    this.http11 = http11;
    this.headers = headers;
    this.body = body;
    this.bodyLength = bodyLength;
    this.trailers = trailers;
    this.keepAlive = keepAlive;
  }

  /**
   * The method, case-sensitive as sent ({@code GET}, {@code POST}, ...).
   *
   * @return the method token, as sent
   */
  public String method() {
    return method;
  }

  /**
   * The request-target as sent: usually origin-form ({@code /path?query}).
   *
   * @return the request-target, as sent
   */
  public String target() {
    return target;
  }

  /**
   * The target's path: {@link #target()} up to its first {@code ?}.
   *
   * @return the path, without the query; the whole target if it has no {@code ?}
   */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /**
   * {@code "HTTP/1.1"} or {@code "HTTP/1.0"}. A request sent as HTTP/1.2 or later 1.x is treated
   * as HTTP/1.1, as RFC 9110 section 6.2 allows.
   *
   * @return {@code "HTTP/1.1"} or {@code "HTTP/1.0"}
   */
  public String version() {
    return http11 ? "HTTP/1.1" : "HTTP/1.0";
  }

  boolean http11() {
    return http11;
  }

  /**
   * The header fields, in the order received.
   *
   * @return the header fields; empty if none
   */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * The trailer fields of a chunked body; empty otherwise. Not merged into {@link #headers()}.
   *
   * @return the trailer fields; empty if none
   */
  public HttpHeaders trailers() {
    return trailers;
  }

  /**
   * The body's length in bytes (0 when there is none).
   *
   * @return the body's length in bytes; 0 if none
   */
  public int bodyLength() {
    return bodyLength;
  }

  /**
   * The body, read-only; a new view on each call.
   *
   * @return a new read-only buffer over the body; empty if none
   */
  public ByteBuffer body() {
    return ByteBuffer.wrap(body, 0, bodyLength).asReadOnlyBuffer();
  }

  /**
   * A copy of the body's bytes.
   *
   * @return a new array holding the body; empty if none
   */
  public byte[] bodyBytes() {
    return Arrays.copyOf(body, bodyLength);
  }

  /**
   * The body decoded as UTF-8.
   *
   * @return the body as text; empty if none
   */
  public String bodyAsString() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  /**
   * Whether the connection stays open after this request is answered: HTTP/1.1 unless the
   * request says {@code Connection: close}; HTTP/1.0 only if it says {@code Connection:
   * keep-alive}.
   *
   * @return true if the connection is to stay open
   */
  public boolean keepAlive() {
    return keepAlive;
  }

  @Override
  public String toString() {
    return method + " " + target + " " + version() + " " + headers + " (" + bodyLength + " bytes)";
  }
}
