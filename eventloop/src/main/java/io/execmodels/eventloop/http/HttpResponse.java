package io.execmodels.eventloop.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A response to send: status, header fields and a body that is either whole (sent with {@code
 * Content-Length}) or a list of chunks (sent with {@code Transfer-Encoding: chunked}, or, to an
 * HTTP/1.0 client, unframed and followed by closing the connection).
 *
 * <p>Immutable and thread-safe; one instance may answer any number of requests, on any number of
 * connections, and its status line and header fields are encoded once, when it is built, so a
 * shared response costs little per request. The connection adds the framing fields ({@code
 * Content-Length} or {@code Transfer-Encoding}), {@code Connection} where needed, and {@code Date}
 * if configured and absent; for that reason those framing and connection fields cannot be set
 * here. A response to {@code HEAD} is sent without its body.
 */
public final class HttpResponse {

  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final List<byte[]> chunks;
  private final HttpHeaders trailers;
  private final boolean close;
  private final boolean hasDate;
  // "HTTP/1.1 200 OK\r\n" followed by every header field line: written as is.
  private final byte[] head;

  private HttpResponse(Builder b) {
    this.status = b.status;
    this.headers = b.headers.build();
    this.body = b.body;
    this.chunks = b.chunks == null ? null : List.copyOf(b.chunks);
    this.trailers = b.trailers;
    this.close = b.close;
    this.hasDate = headers.contains("date");
    StringBuilder sb = new StringBuilder(64).append("HTTP/1.1 ").append(status).append(' ')
        .append(b.reason == null ? Reasons.of(status) : b.reason).append("\r\n");
    for (int i = 0; i < headers.size(); i++) {
      sb.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
    }
    this.head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * A response with a whole body and its {@code Content-Type}.
   *
   * @param status the status code, 200..999
   * @param contentType the {@code Content-Type} field's value
   * @param body the whole body; not copied
   * @return the response
   */
  public static HttpResponse of(int status, String contentType, byte[] body) {
    return builder(status).header("Content-Type", contentType).body(body).build();
  }

  /**
   * A {@code text/plain; charset=utf-8} response.
   *
   * @param status the status code, 200..999
   * @param body the body, sent as UTF-8
   * @return the response
   */
  public static HttpResponse text(int status, String body) {
    return of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A response with no body ({@code Content-Length: 0}, or none for 204 and 304).
   *
   * @param status the status code, 200..999
   * @return the response
   */
  public static HttpResponse empty(int status) {
    return builder(status).build();
  }

  /**
   * A builder for a response with this status.
   *
   * @param status the status code, 200..999
   * @return a new builder with an empty body and no fields set
   * @throws IllegalArgumentException if {@code status} is not in 200..999: interim (1xx)
   *     responses are not supported
   */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /**
   * The status code.
   *
   * @return the status code, 200..999
   */
  public int status() {
    return status;
  }

  /**
   * The header fields set on this response (not the ones the connection adds).
   *
   * @return the fields set on it, without those the connection adds when sending it
   */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * Whether the body is sent chunked.
   *
   * @return true if the body is a list of chunks, false if it is whole
   */
  public boolean isChunked() {
    return chunks != null;
  }

  /**
   * Whether this response asks the connection to close after it.
   *
   * @return true if it was built with {@link Builder#closeConnection()}
   */
  public boolean closesConnection() {
    return close;
  }

  /**
   * The body's length in bytes: the whole body, or the chunks' total.
   *
   * @return the number of body bytes; 0 for none
   */
  public long bodyLength() {
    if (chunks == null) {
      return body.length;
    }
    long n = 0;
    for (byte[] c : chunks) {
      n += c.length;
    }
    return n;
  }

  byte[] head() {
    return head;
  }

  byte[] body() {
    return body;
  }

  List<byte[]> chunks() {
    return chunks;
  }

  HttpHeaders trailers() {
    return trailers;
  }

  boolean hasDate() {
    return hasDate;
  }

  /** Whether the status forbids a body (RFC 9110 sections 15.3.5 and 15.4.5). */
  boolean bodyForbidden() {
    return status == 204 || status == 304;
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + " " + headers + ", "
        + (chunks == null ? body.length + " bytes" : chunks.size() + " chunks") + "]";
  }

  /** Accumulates a response; not thread-safe. */
  public static final class Builder {
    private final int status;
    private String reason;
    private final HttpHeaders.Builder headers = HttpHeaders.builder();
    private byte[] body = new byte[0];
    private List<byte[]> chunks;
    private HttpHeaders trailers = HttpHeaders.EMPTY;
    private boolean close;

    private Builder(int status) {
      if (status < 200 || status > 999) {
        throw new IllegalArgumentException(
            "status must be in 200..999 (interim 1xx responses are not supported), was " + status);
      }
      this.status = status;
    }

    /**
     * Replaces the standard reason phrase.
     *
     * @param reason the reason phrase sent after the status code
     * @return this builder
     * @throws IllegalArgumentException if it holds CR, LF or a control character
     */
    public Builder reason(String reason) {
      if (!Ascii.isFieldValue(reason)) {
        throw new IllegalArgumentException("reason phrase holds CR, LF or a control character");
      }
      this.reason = reason;
      return this;
    }

    /**
     * Adds a header field.
     *
     * @param name the field's name, a token; not null
     * @param value the field's value
     * @return this builder
     * @throws IllegalArgumentException if the name is not a token, the value holds CR, LF or a
     *     control character, or the name is one the connection sets itself ({@code
     *     Content-Length}, {@code Transfer-Encoding}, {@code Connection}: use {@link
     *     #closeConnection()})
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      if (name.equalsIgnoreCase("content-length")
          || name.equalsIgnoreCase("transfer-encoding")
          || name.equalsIgnoreCase("connection")) {
        throw new IllegalArgumentException(
            name + " is set by the connection, not by the response (see HttpResponse)");
      }
      headers.add(name, value);
      return this;
    }

    /**
     * Sets a whole body, sent with {@code Content-Length}; the array is not copied.
     *
     * @param body the whole body; not null; empty for none
     * @return this builder
     */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
      this.chunks = null;
      return this;
    }

    /**
     * Sets a whole UTF-8 body.
     *
     * @param body the whole body, encoded as UTF-8
     * @return this builder
     */
    public Builder body(String body) {
      return body(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets a chunked body: each non-empty array becomes one chunk (empty ones are skipped: an
     * empty chunk would end the body). The arrays are not copied.
     *
     * @param chunks the chunks, in order; empty arrays are skipped
     * @return this builder
     */
    public Builder chunks(List<byte[]> chunks) {
      List<byte[]> copy = new ArrayList<>(chunks.size());
      for (byte[] c : chunks) {
        copy.add(Objects.requireNonNull(c, "chunk"));
      }
      this.chunks = copy;
      this.body = new byte[0];
      return this;
    }

    /**
     * Trailer fields sent after a chunked body (dropped for an HTTP/1.0 client).
     *
     * @param trailers the trailer fields; not null
     * @return this builder
     */
    public Builder trailers(HttpHeaders trailers) {
      this.trailers = Objects.requireNonNull(trailers, "trailers");
      return this;
    }

    /**
     * Closes the connection after this response ({@code Connection: close}).
     *
     * @return this builder
     */
    public Builder closeConnection() {
      this.close = true;
      return this;
    }

    /**
     * The response.
     *
     * @return a new immutable response
     * @throws IllegalArgumentException if a 204 or 304 response has a body, or trailers are set
     *     on a body that is not chunked
     */
    public HttpResponse build() {
      if ((status == 204 || status == 304) && (chunks != null || body.length > 0)) {
        throw new IllegalArgumentException("a " + status + " response cannot have a body");
      }
      if (chunks == null && trailers.size() > 0) {
        throw new IllegalArgumentException("trailers need a chunked body");
      }
      return new HttpResponse(this);
    }
  }
}
