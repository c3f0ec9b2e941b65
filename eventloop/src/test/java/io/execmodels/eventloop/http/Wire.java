package io.execmodels.eventloop.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict, independent reader of what the server wrote: a sequence of HTTP/1.1 responses,
 * framed by Content-Length, chunked, or the end of the output. Throws on anything malformed.
 */
final class Wire {

  record Response(
      int status, Map<String, String> headers, String body, Map<String, String> trailers) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private Wire() {}

  static List<Response> parse(String s) {
    List<Response> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < s.length()) {
      out.add(one(s, pos));
    }
    return out;
  }

  private static Response one(String s, int[] pos) {
    String statusLine = line(s, pos);
    if (!statusLine.matches("HTTP/1\\.1 \\d{3} [^\r\n]*")) {
      throw new IllegalStateException("bad status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = fields(s, pos);
    String body;
    Map<String, String> trailers = Map.of();
    if (status == 100) {
      return new Response(status, headers, "", trailers);
    }
    if ("chunked".equals(headers.get("transfer-encoding"))) {
      StringBuilder b = new StringBuilder();
      while (true) {
        int size = Integer.parseInt(line(s, pos), 16);
        if (size == 0) {
          break;
        }
        b.append(s, pos[0], pos[0] + size);
        pos[0] += size;
        if (!line(s, pos).isEmpty()) {
          throw new IllegalStateException("chunk not followed by CRLF");
        }
      }
      trailers = fields(s, pos);
      body = b.toString();
    } else if (headers.containsKey("content-length")) {
      int n = Integer.parseInt(headers.get("content-length"));
      body = s.substring(pos[0], pos[0] + n);
      pos[0] += n;
    } else {
      body = s.substring(pos[0]);
      pos[0] = s.length();
    }
    return new Response(status, headers, body, trailers);
  }

  private static Map<String, String> fields(String s, int[] pos) {
    Map<String, String> headers = new LinkedHashMap<>();
    while (true) {
      String l = line(s, pos);
      if (l.isEmpty()) {
        return headers;
      }
      int c = l.indexOf(": ");
      String name = l.substring(0, c).toLowerCase(Locale.ROOT);
      if (headers.put(name, l.substring(c + 2)) != null) {
        throw new IllegalStateException("repeated header " + name);
      }
    }
  }

  private static String line(String s, int[] pos) {
    int end = s.indexOf("\r\n", pos[0]);
    if (end < 0) {
      throw new IllegalStateException("unterminated line at " + pos[0]);
    }
    String l = s.substring(pos[0], end);
    pos[0] = end + 2;
    return l;
  }
}
