package io.execmodels.eventloop.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strict reader of HTTP/1.1 responses for the tests: one at a time from a stream (framed by
 * Content-Length or chunked), or all of a string read to the end. Throws on anything malformed.
 */
final class Responses {

  record Response(int status, String head, String body) {
    boolean closes() {
      return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n");
    }
  }

  private Responses() {}

  /** Reads one response; null if the stream ended before its first byte. */
  static Response read(InputStream in) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    if (!head.matches("(?s)HTTP/1\\.1 \\d{3} [^\r\n]*\r\n.*")) {
      throw new IllegalStateException("bad status line: " + head);
    }
    int status = Integer.parseInt(head.substring(9, 12));
    String lower = head.toLowerCase(Locale.ROOT);
    String body;
    if (lower.contains("\r\ntransfer-encoding: chunked\r\n")) {
      StringBuilder b = new StringBuilder();
      int size;
      while ((size = Integer.parseInt(line(in), 16)) > 0) {
        b.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
        if (!line(in).isEmpty()) {
          throw new IllegalStateException("chunk not followed by CRLF");
        }
      }
      while (!line(in).isEmpty()) {
        // trailers
      }
      body = b.toString();
    } else {
      int i = lower.indexOf("\r\ncontent-length: ");
      if (i < 0) {
        throw new IllegalStateException("no framing: " + head);
      }
      int len = Integer.parseInt(lower.substring(i + 18, lower.indexOf("\r\n", i + 2)).trim());
      byte[] b = in.readNBytes(len);
      if (b.length != len) {
        throw new IllegalStateException("body cut short: " + head);
      }
      body = new String(b, StandardCharsets.ISO_8859_1);
    }
    return new Response(status, head, body);
  }

  /** Every response until the stream ends. */
  static List<Response> readAll(InputStream in) throws IOException {
    List<Response> out = new ArrayList<>();
    Response r;
    while ((r = read(in)) != null) {
      out.add(r);
    }
    return out;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      if (b.size() >= 4 && b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
    }
    if (b.size() == 0) {
      return null;
    }
    throw new IllegalStateException("stream ended inside a response head: " + b);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        if (!s.endsWith("\r")) {
          throw new IllegalStateException("bare LF");
        }
        return s.substring(0, s.length() - 1);
      }
      b.write(c);
    }
    throw new IllegalStateException("stream ended inside a line");
  }
}
