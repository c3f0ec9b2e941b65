package io.execmodels.eventloop.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: whatever bytes a client sends — well-formed requests, requests cut anywhere, mutated
 * requests, noise — and however it ends (half-close, silence, reset), the server answers with
 * well-formed responses or closes, within its timeouts; it never hangs a connection, never stops
 * the loop, leaves no connection open, and meanwhile keeps serving a well-formed keep-alive
 * client. Fixed seeds, so a failure replays.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpRandomInputTest {

  private static final long SEED = 0x5EEDL;
  private static final int CLIENTS = 4;
  private static final int CASES_PER_CLIENT = 40;
  private static final Set<Integer> STATUSES = Set.of(200, 400, 408, 413, 414, 417, 431, 501, 505);
  private static final HttpConfig CONFIG = HttpConfig.defaults()
      .withDateHeader(false)
      .withMaxRequestLineBytes(512)
      .withMaxHeaderBytes(1024)
      .withMaxBodyBytes(2048)
      .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(1),
          Duration.ofSeconds(5), Duration.ofMillis(500));

  /** How a case ends after sending its bytes. */
  private enum Ending { HALF_CLOSE, SILENCE, RESET }

  private record Case(byte[] bytes, Ending ending, int wholeRequests, boolean intact) {}

  @Test
  void answersOrClosesEveryRandomInputWhileServingAWellFormedClient() throws Exception {
    LoopThread<HttpServer> lt = new LoopThread<>(loop -> HttpServer.listenLoopback(loop, 0,
        HttpHandler.sync(r -> HttpResponse.text(200, r.target() + " " + r.bodyLength())),
        CONFIG));
    int port = lt.value().port();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong goodAnswers = new AtomicLong();

    Thread good = Thread.ofPlatform().name("good-client").start(() -> {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(20_000);
        for (int i = 0; !stop.get() || i == 0; i++) {
          s.getOutputStream().write(("GET /good" + i + " HTTP/1.1\r\nHost: h\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          Responses.Response r = Responses.read(s.getInputStream());
          if (r == null || r.status() != 200 || !r.body().equals("/good" + i + " 0")) {
            throw new AssertionError("good client got " + r);
          }
          goodAnswers.incrementAndGet();
        }
      } catch (Throwable t) {
        failures.add(t);
      }
    });

    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      Random rnd = new Random(SEED + c);
      clients.add(Thread.ofPlatform().name("random-client-" + c).start(() -> {
        for (int i = 0; i < CASES_PER_CLIENT; i++) {
          Case k = randomCase(rnd);
          try {
            check(k, port);
          } catch (Throwable t) {
            failures.add(new AssertionError("case " + i + " (" + k.ending() + ", "
                + k.wholeRequests() + " whole requests, intact " + k.intact() + "): "
                + new String(k.bytes(), StandardCharsets.ISO_8859_1), t));
          }
        }
      }));
    }
    for (Thread t : clients) {
      t.join();
    }
    stop.set(true);
    good.join();
    assertThat(failures).isEmpty();
    assertThat(goodAnswers.get()).isPositive();
    HttpServer server = lt.value();
    assertThat(lt.await(() -> server.connectionCount() == 0, 20)).as("no connection left").isTrue();
    assertThat(lt.call(() -> server.tcp().acceptedCount()))
        .isEqualTo(CLIENTS * CASES_PER_CLIENT + 1L);
    lt.call(() -> {
      server.close();
      return null;
    });
    assertThat(lt.join(20)).as("run() returned").isTrue();
    lt.loop.close();
  }

  private static void check(Case k, int port) throws IOException {
    byte[] got;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(15_000);
      try {
        s.getOutputStream().write(k.bytes());
        s.getOutputStream().flush();
        if (k.ending() == Ending.HALF_CLOSE) {
          s.shutdownOutput();
        }
      } catch (SocketException e) {
        // The server may have answered and closed before reading all: fine, read the answer.
      }
      if (k.ending() == Ending.RESET) {
        s.setSoLinger(true, 0);
        return;
      }
      got = readToEnd(s.getInputStream());
    }
    List<Responses.Response> rs = Responses.readAll(new ByteArrayInputStream(got));
    for (Responses.Response r : rs) {
      assertThat(STATUSES).contains(r.status());
    }
    if (k.intact() && k.ending() == Ending.HALF_CLOSE) {
      assertThat(rs).hasSize(k.wholeRequests()).allMatch(r -> r.status() == 200);
    }
    for (int i = 0; i < rs.size() - 1; i++) {
      assertThat(rs.get(i).status()).as("only the last answer may be an error").isEqualTo(200);
    }
  }

  /** Reads until the server closes; a read timeout means the server hung the connection. */
  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed within 15 s", e);
    } catch (SocketException e) {
      // A reset after the answer: what was read is what the server sent.
    }
    return out.toByteArray();
  }

  private static Case randomCase(Random rnd) {
    Ending ending = switch (rnd.nextInt(10)) {
      case 0 -> Ending.RESET;
      case 1, 2, 3 -> Ending.SILENCE;
      default -> Ending.HALF_CLOSE;
    };
    int kind = rnd.nextInt(4);
    if (kind == 0) {
      byte[] noise = new byte[rnd.nextInt(3000)];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (byte) (rnd.nextBoolean() ? 32 + rnd.nextInt(95) : rnd.nextInt(256));
      }
      return new Case(noise, ending, 0, false);
    }
    int n = 1 + rnd.nextInt(3);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(validRequest(rnd, i));
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (kind == 1) {
      // Truncated anywhere.
      int cut = rnd.nextInt(bytes.length + 1);
      byte[] t = Arrays.copyOf(bytes, cut);
      return new Case(t, ending, cut == bytes.length ? n : 0, cut == bytes.length);
    }
    if (kind == 2) {
      // A few bytes changed.
      int m = 1 + rnd.nextInt(4);
      for (int i = 0; i < m; i++) {
        bytes[rnd.nextInt(bytes.length)] = (byte) rnd.nextInt(256);
      }
      return new Case(bytes, ending, n, false);
    }
    return new Case(bytes, ending, n, true);
  }

  private static String validRequest(Random rnd, int i) {
    String path = "/p" + i + "?q=" + rnd.nextInt(1000);
    return switch (rnd.nextInt(3)) {
      case 0 -> "GET " + path + " HTTP/1.1\r\nHost: h\r\nX-A: " + rnd.nextInt() + "\r\n\r\n";
      case 1 -> {
        String body = "b".repeat(rnd.nextInt(1500));
        yield "POST " + path + " HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length()
            + "\r\n\r\n" + body;
      }
      default -> {
        StringBuilder chunks = new StringBuilder();
        for (int c = rnd.nextInt(4); c > 0; c--) {
          int len = 1 + rnd.nextInt(300);
          chunks.append(Integer.toHexString(len)).append("\r\n").append("c".repeat(len))
              .append("\r\n");
        }
        yield "POST " + path + " HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunks + "0\r\n\r\n";
      }
    };
  }
}
