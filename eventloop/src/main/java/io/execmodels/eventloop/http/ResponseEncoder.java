package io.execmodels.eventloop.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Encodes responses into one growable outbound buffer, adding the framing and connection fields
 * the request calls for. A response's status line and own fields are copied pre-encoded; the
 * rest is written digit by digit, so encoding allocates nothing unless the buffer must grow.
 *
 * <p>Not thread-safe: one per connection.
 */
final class ResponseEncoder {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
  private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
  private static final byte[] CLOSE = ascii("Connection: close\r\n");
  private static final byte[] KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
  private static final byte[] LAST_CHUNK = ascii("0\r\n");
  private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
  private static final byte[] HEX = ascii("0123456789abcdef");

  private final HttpDate date;
  private final LongSupplier wallClockMillis;
  private ByteBuffer out;

  /** An encoder that adds {@code Date} from {@code wallClockMillis}, or none if it is null. */
  ResponseEncoder(LongSupplier wallClockMillis) {
    this.wallClockMillis = wallClockMillis;
    this.date = wallClockMillis == null ? null : new HttpDate();
    this.out = ByteBuffer.allocate(4096);
  }

  /** The outbound buffer, in write mode: bytes from 0 to its position wait to be written. */
  ByteBuffer out() {
    return out;
  }

  /** Bytes waiting to be written. */
  int pending() {
    return out.position();
  }

  void writeContinue() {
    put(CONTINUE);
  }

  /**
   * Appends {@code r} as the answer to a request.
   *
   * @param head the request was {@code HEAD}: no body
   * @param http11 the request was HTTP/1.1 (chunked allowed, persistence the default)
   * @param close the connection closes after this response
   * @return whether the connection must close after this response: {@code close}, or a chunked
   *     body sent to an HTTP/1.0 client, which only closing can delimit
   */
  boolean encode(HttpResponse r, boolean head, boolean http11, boolean close) {
    boolean forbidden = r.bodyForbidden();
    boolean chunked = r.isChunked() && !forbidden;
    boolean mustClose = close || r.closesConnection() || chunked && !http11;
    put(r.head());
    if (date != null && !r.hasDate()) {
      put(date.line(wallClockMillis.getAsLong()));
    }
    if (chunked) {
      if (http11) {
        put(CHUNKED);
      }
    } else if (!forbidden) {
      put(CONTENT_LENGTH);
      putDecimal(r.body().length);
      put(CRLF);
    }
    if (mustClose) {
      put(CLOSE);
    } else if (!http11) {
      put(KEEP_ALIVE);
    }
    put(CRLF);
    if (head || forbidden) {
      return mustClose;
    }
    if (!chunked) {
      put(r.body());
    } else if (!http11) {
      for (byte[] c : r.chunks()) {
        put(c);
      }
    } else {
      for (byte[] c : r.chunks()) {
        if (c.length > 0) {
          putHex(c.length);
          put(CRLF);
          put(c);
          put(CRLF);
        }
      }
      put(LAST_CHUNK);
      HttpHeaders t = r.trailers();
      for (int i = 0; i < t.size(); i++) {
        putLatin1(t.name(i));
        put((byte) ':');
        put((byte) ' ');
        putLatin1(t.value(i));
        put(CRLF);
      }
      put(CRLF);
    }
    return mustClose;
  }

  /** Appends an error response: a short text body naming the problem. */
  void encodeError(int status, String message, boolean http11) {
    encode(HttpResponse.text(status, message + "\n"), false, http11, true);
  }

  /** Lets go of a large buffer once everything in it is written. */
  void shrinkIfEmpty() {
    if (out.position() == 0 && out.capacity() > 64 * 1024) {
      out = ByteBuffer.allocate(4096);
    }
  }

  private void ensure(int n) {
    if (out.remaining() < n) {
      int need = out.position() + n;
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, out.capacity() * 2));
      out.flip();
      bigger.put(out);
      out = bigger;
    }
  }

  private void put(byte[] b) {
    ensure(b.length);
    out.put(b);
  }

  private void put(byte b) {
    ensure(1);
    out.put(b);
  }

  private void putLatin1(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.put((byte) s.charAt(i));
    }
  }

  private void putDecimal(long v) {
    ensure(20);
    if (v == 0) {
      out.put((byte) '0');
      return;
    }
    int start = out.position();
    while (v > 0) {
      out.put((byte) ('0' + v % 10));
      v /= 10;
    }
    reverse(start, out.position() - 1);
  }

  private void putHex(int v) {
    ensure(8);
    int start = out.position();
    do {
      out.put(HEX[v & 0xf]);
      v >>>= 4;
    } while (v != 0);
    reverse(start, out.position() - 1);
  }

  private void reverse(int i, int j) {
    while (i < j) {
      byte t = out.get(i);
      out.put(i, out.get(j));
      out.put(j, t);
      i++;
      j--;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
