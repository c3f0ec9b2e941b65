package io.execmodels.eventloop.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style: streams of random, mutated and truncated requests, fed in random pieces, each
 * from a fixed seed (the seed is the test's name, so a failure replays). Whatever the input, the
 * connection never throws, ends closed once the peer is gone and the timers have run, writes only
 * well-formed responses, answers every well-formed request before the first bad one in order, and
 * a fresh connection then serves a well-formed request.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RandomInputTest {

  private static final HttpConfig CONFIG = HttpConfig.defaults()
      .withDateHeader(false)
      .withMaxRequestLineBytes(200)
      .withMaxHeaderBytes(400)
      .withMaxHeaderCount(8)
      .withMaxBodyBytes(300)
      .withMaxPipelined(3);
  private static final Set<Integer> STATUSES =
      Set.of(100, 200, 400, 408, 413, 414, 417, 431, 500, 501, 505);
  // No HEAD: its responses carry a Content-Length but no body, which Wire cannot tell apart.
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "X-CUSTOM"};

  static Stream<Long> seeds() {
    return IntStream.range(0, 400).mapToObj(i -> 0x5eed0000L + i);
  }

  /** Echoes target and body length; about half the answers wait in {@code later}. */
  private static HttpHandler handler(Random rnd, List<Runnable> later) {
    return r -> {
      HttpResponse resp = HttpResponse.text(200, r.target() + " " + r.bodyLength());
      if (rnd.nextBoolean()) {
        return CompletableFuture.completedFuture(resp);
      }
      CompletableFuture<HttpResponse> f = new CompletableFuture<>();
      later.add(() -> f.complete(resp));
      return f;
    };
  }

  /** Completes some waiting answers, in random order, then runs the connection's tasks. */
  private static void completeSome(Random rnd, List<Runnable> later, FakeTransport t, boolean all) {
    Collections.shuffle(later, rnd);
    int n = all ? later.size() : rnd.nextInt(later.size() + 1);
    for (int i = 0; i < n; i++) {
      later.remove(later.size() - 1).run();
    }
    t.runTasks();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void answersOrClosesWhateverItIsFed(long seed) {
    Random rnd = new Random(seed);
    List<String> wellFormedTargets = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    boolean corrupted = false;
    int n = 1 + rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      String target = "/r" + seed + "-" + i;
      byte[] req = request(rnd, target);
      int mode = rnd.nextInt(10);
      if (mode == 0) {
        req = mutate(rnd, req);
        corrupted = true;
      } else if (mode == 1) {
        req = Arrays.copyOf(req, rnd.nextInt(req.length));
        corrupted = true;
      } else if (mode == 2) {
        req = randomBytes(rnd);
        corrupted = true;
      } else if (!corrupted) {
        wellFormedTargets.add(target);
      }
      stream.writeBytes(req);
      if (mode == 1) {
        break;
      }
    }
    byte[] all = stream.toByteArray();

    FakeTransport t = new FakeTransport();
    long[] now = {0};
    List<Runnable> later = new ArrayList<>();
    HttpConnection c = new HttpConnection(t, handler(rnd, later), CONFIG, () -> now[0]);
    assertThatCode(() -> {
      int pos = 0;
      while (pos < all.length && !c.isClosed()) {
        int len = Math.min(all.length - pos, 1 + rnd.nextInt(64));
        c.onRead(ByteBuffer.wrap(all, pos, len));
        pos += len;
        completeSome(rnd, later, t, false);
        if (rnd.nextInt(4) == 0) {
          now[0] += Duration.ofMillis(rnd.nextInt(2000)).toNanos();
          c.checkTimeouts();
        }
      }
      c.onEof();
      // Every step moves a deadline or ends; the bound makes a livelock fail, not hang.
      for (int step = 0; step < 20 && !c.isClosed(); step++) {
        completeSome(rnd, later, t, true);
        long next = c.nextDeadline();
        if (next != Long.MAX_VALUE) {
          now[0] = Math.max(now[0], next);
        }
        c.checkTimeouts();
      }
    }).as("seed %d", seed).doesNotThrowAnyException();

    assertThat(c.isClosed()).as("seed %d: closed at the end", seed).isTrue();
    List<Wire.Response> rs = t.responses();
    assertThat(rs).allSatisfy(r -> assertThat(STATUSES).contains(r.status()));
    List<String> answered = rs.stream()
        .filter(r -> r.status() == 200)
        .map(r -> r.body().split(" ")[0])
        .toList();
    // Every well-formed request before the first corrupted one is answered, in order.
    int common = Math.min(answered.size(), wellFormedTargets.size());
    assertThat(answered.subList(0, common)).as("seed %d", seed)
        .isEqualTo(wellFormedTargets.subList(0, common));
    if (!corrupted) {
      assertThat(answered).as("seed %d", seed).isEqualTo(wellFormedTargets);
    }
    int errors = (int) rs.stream().filter(r -> r.status() >= 400).count();
    assertThat(errors).as("seed %d: at most one error, and it is last", seed)
        .isLessThanOrEqualTo(1);
    if (errors == 1) {
      assertThat(rs.get(rs.size() - 1).status()).isGreaterThanOrEqualTo(400);
    }

    FakeTransport fresh = new FakeTransport();
    HttpConnection next = new HttpConnection(fresh, handler(rnd, later), CONFIG, () -> 0);
    next.onRead(ByteBuffer.wrap(request(new Random(seed + 1), "/fresh")));
    completeSome(rnd, later, fresh, true);
    assertThat(fresh.responses()).extracting(Wire.Response::status).containsExactly(200);
  }

  /** A well-formed request: random method, headers, and no body, a sized body or a chunked one. */
  private static byte[] request(Random rnd, String target) {
    String method = METHODS[rnd.nextInt(METHODS.length)];
    StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    sb.append(rnd.nextBoolean() ? "Host" : "host").append(": example\r\n");
    for (int i = rnd.nextInt(4); i > 0; i--) {
      sb.append("X-H").append(i).append(":").append(rnd.nextBoolean() ? " " : "")
          .append("v").append(rnd.nextInt(1000)).append("\r\n");
    }
    int kind = method.equals("GET") ? 0 : rnd.nextInt(3);
    String body = "b".repeat(rnd.nextInt(40));
    if (kind == 1) {
      sb.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    } else if (kind == 2) {
      sb.append("Transfer-Encoding: chunked\r\n\r\n");
      int i = 0;
      while (i < body.length()) {
        int len = Math.min(body.length() - i, 1 + rnd.nextInt(10));
        sb.append(Integer.toHexString(len)).append(rnd.nextBoolean() ? ";e=1" : "").append("\r\n")
            .append(body, i, i + len).append("\r\n");
        i += len;
      }
      sb.append("0\r\n").append(rnd.nextBoolean() ? "T: x\r\n" : "").append("\r\n");
    } else {
      sb.append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] mutate(Random rnd, byte[] req) {
    byte[] out = req.clone();
    for (int k = 1 + rnd.nextInt(3); k > 0 && out.length > 0; k--) {
      int i = rnd.nextInt(out.length);
      out[i] = switch (rnd.nextInt(5)) {
        case 0 -> '\r';
        case 1 -> '\n';
        case 2 -> ' ';
        case 3 -> 0;
        default -> (byte) rnd.nextInt(256);
      };
    }
    return out;
  }

  private static byte[] randomBytes(Random rnd) {
    byte[] b = new byte[1 + rnd.nextInt(600)];
    rnd.nextBytes(b);
    return b;
  }
}
