package io.execmodels.eventloop.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of an HTTP/1.1 connection. The defaults follow Node's {@code http} server
 * where it has one (16 KiB of headers, 5 s keep-alive, 60 s for the headers, 300 s for the whole
 * request).
 *
 * @param maxRequestLineBytes longest request line; a longer one is answered {@code 414}
 * @param maxHeaderBytes largest header section (field lines with their CRLFs), and likewise for a
 *     chunked body's trailer section; a larger one is answered {@code 431}
 * @param maxHeaderCount most header (or trailer) fields; more are answered {@code 431}
 * @param maxBodyBytes largest body, declared or de-chunked; a larger one is answered {@code 413}
 *     as soon as it is known to be larger
 * @param maxPipelined most requests read but not yet answered; beyond it the connection stops
 *     reading (back-pressure) until a response is written
 * @param maxPendingWriteBytes the connection stops reading while more encoded bytes than this
 *     wait to be written (back-pressure against a peer that sends but does not read)
 * @param keepAliveTimeout an idle connection (no request in progress, nothing to write) is closed
 *     quietly after this long
 * @param headersTimeout a request whose header section is not complete this long after its first
 *     byte is answered {@code 408} and the connection closed (slowloris)
 * @param requestTimeout likewise for the whole request, body included
 * @param sendTimeout a connection whose pending bytes make no progress for this long is closed
 *     (a peer that does not read)
 * @param lingerTimeout after its last response the connection half-closes and discards input for
 *     at most this long before closing
 * @param dateHeader whether responses carry a {@code Date} header (RFC 9110 section 6.6.1)
 * @param maxBodyBytesInFlight most bytes of request bodies being received at once, over all the
 *     connections of one server: a request whose body would take more is answered {@code 503}
 *     and its connection closed, so that many slow uploads cannot fill the heap (a body is
 *     counted from its first byte until its request is handed to the handler)
 */
public record HttpConfig(
    int maxRequestLineBytes,
    int maxHeaderBytes,
    int maxHeaderCount,
    int maxBodyBytes,
    int maxPipelined,
    int maxPendingWriteBytes,
    Duration keepAliveTimeout,
    Duration headersTimeout,
    Duration requestTimeout,
    Duration sendTimeout,
    Duration lingerTimeout,
    boolean dateHeader,
    long maxBodyBytesInFlight) {

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException naming the first value that is not positive
   */
  public HttpConfig {
    positive("maxRequestLineBytes", maxRequestLineBytes);
    positive("maxHeaderBytes", maxHeaderBytes);
    positive("maxHeaderCount", maxHeaderCount);
    positive("maxBodyBytes", maxBodyBytes);
    positive("maxPipelined", maxPipelined);
    positive("maxPendingWriteBytes", maxPendingWriteBytes);
    positive("keepAliveTimeout", keepAliveTimeout);
    positive("headersTimeout", headersTimeout);
    positive("requestTimeout", requestTimeout);
    positive("sendTimeout", sendTimeout);
    positive("lingerTimeout", lingerTimeout);
    if (maxBodyBytesInFlight <= 0) {
      throw new IllegalArgumentException(
          "maxBodyBytesInFlight must be positive, was " + maxBodyBytesInFlight);
    }
  }

  /**
   * The defaults: see the type's description; body up to 1 MiB, 16 requests in flight, 64 MiB of
   * bodies being received per server.
   *
   * @return the default configuration
   */
  public static HttpConfig defaults() {
    return new HttpConfig(
        8 * 1024,
        16 * 1024,
        100,
        1024 * 1024,
        16,
        256 * 1024,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofSeconds(300),
        Duration.ofSeconds(60),
        Duration.ofSeconds(2),
        true,
        64L * 1024 * 1024);
  }

  /**
   * This configuration with another {@link #maxRequestLineBytes()}.
   *
   * @param v the longest request line, in bytes; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withMaxRequestLineBytes(int v) {
    return new HttpConfig(v, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxPipelined,
        maxPendingWriteBytes, keepAliveTimeout, headersTimeout, requestTimeout, sendTimeout,
        lingerTimeout, dateHeader, maxBodyBytesInFlight);
  }

  /**
   * This configuration with another {@link #maxHeaderBytes()}.
   *
   * @param v the largest header or trailer section, in bytes; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withMaxHeaderBytes(int v) {
    return new HttpConfig(maxRequestLineBytes, v, maxHeaderCount, maxBodyBytes, maxPipelined,
        maxPendingWriteBytes, keepAliveTimeout, headersTimeout, requestTimeout, sendTimeout,
        lingerTimeout, dateHeader, maxBodyBytesInFlight);
  }

  /**
   * This configuration with another {@link #maxHeaderCount()}.
   *
   * @param v the most header or trailer fields of one request; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withMaxHeaderCount(int v) {
    return new HttpConfig(maxRequestLineBytes, maxHeaderBytes, v, maxBodyBytes, maxPipelined,
        maxPendingWriteBytes, keepAliveTimeout, headersTimeout, requestTimeout, sendTimeout,
        lingerTimeout, dateHeader, maxBodyBytesInFlight);
  }

  /**
   * This configuration with another {@link #maxBodyBytes()}.
   *
   * @param v the largest request body, in bytes; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withMaxBodyBytes(int v) {
    return new HttpConfig(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, v, maxPipelined,
        maxPendingWriteBytes, keepAliveTimeout, headersTimeout, requestTimeout, sendTimeout,
        lingerTimeout, dateHeader, maxBodyBytesInFlight);
  }

  /**
   * This configuration with another {@link #maxPipelined()}.
   *
   * @param v the most requests read but not yet answered on one connection; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withMaxPipelined(int v) {
    return new HttpConfig(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, v,
        maxPendingWriteBytes, keepAliveTimeout, headersTimeout, requestTimeout, sendTimeout,
        lingerTimeout, dateHeader, maxBodyBytesInFlight);
  }

  /**
   * This configuration with another {@link #maxPendingWriteBytes()}.
   *
   * @param v how many encoded bytes may wait to be written before reading stops; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withMaxPendingWriteBytes(int v) {
    return new HttpConfig(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes,
        maxPipelined, v, keepAliveTimeout, headersTimeout, requestTimeout, sendTimeout,
        lingerTimeout, dateHeader, maxBodyBytesInFlight);
  }

  /**
   * This configuration with other timeouts.
   *
   * @param keepAlive the new {@link #keepAliveTimeout()}; positive
   * @param headers the new {@link #headersTimeout()}; positive
   * @param request the new {@link #requestTimeout()}; positive
   * @param send the new {@link #sendTimeout()}; positive
   * @param linger the new {@link #lingerTimeout()}; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withTimeouts(
      Duration keepAlive, Duration headers, Duration request, Duration send, Duration linger) {
    return new HttpConfig(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes,
        maxPipelined, maxPendingWriteBytes, keepAlive, headers, request, send, linger, dateHeader,
        maxBodyBytesInFlight);
  }

  /**
   * This configuration with or without the {@code Date} header.
   *
   * @param v whether responses carry a {@code Date} header
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withDateHeader(boolean v) {
    return new HttpConfig(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes,
        maxPipelined, maxPendingWriteBytes, keepAliveTimeout, headersTimeout, requestTimeout,
        sendTimeout, lingerTimeout, v, maxBodyBytesInFlight);
  }

  /**
   * This configuration with another {@link #maxBodyBytesInFlight()}.
   *
   * @param v the most bytes of request bodies received at once per server; positive
   * @return a new configuration; this one is unchanged
   */
  public HttpConfig withMaxBodyBytesInFlight(long v) {
    return new HttpConfig(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes,
        maxPipelined, maxPendingWriteBytes, keepAliveTimeout, headersTimeout, requestTimeout,
        sendTimeout, lingerTimeout, dateHeader, v);
  }

  private static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
  }

  private static void positive(String name, Duration v) {
    Objects.requireNonNull(v, name);
    if (v.isNegative() || v.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
  }
}
