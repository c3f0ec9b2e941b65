package io.execmodels.eventloop.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A one-request HTTP client on a fresh connection to 127.0.0.1, so each may reach any worker. */
final class Http {
  private Http() {}

  /** GETs / at {@code port} with {@code Connection: close} and returns the body (10 s limit). */
  static String get(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      if (!response.startsWith("HTTP/1.1 200")) {
        throw new IOException("not a 200: " + response);
      }
      return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
  }
}
