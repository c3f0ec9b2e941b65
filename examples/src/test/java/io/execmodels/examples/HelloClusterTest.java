package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HelloCluster} run as its own JVM, as a user would: on one loop it answers with its own
 * pid; with {@code --cluster 2} two worker JVMs answer on the one port, each with its pid, and
 * SIGTERM to the primary leaves neither running.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HelloClusterTest {

  private static final Pattern WORKER_LISTENING =
      Pattern.compile("worker \\d+ \\(pid (\\d+)\\) listening on 127\\.0\\.0\\.1:(\\d+)");
  /** Fresh connections made at most while waiting to see every worker answer. */
  private static final int TRIES = 500;

  private Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void onOneLoopItAnswersFromItsOwnProcess() throws Exception {
    int port = freePort();
    start("--port", Integer.toString(port));
    assertThat(line()).isEqualTo("pid " + process.pid() + " listening on 127.0.0.1:" + port);
    assertThat(get(port)).isEqualTo("hello from pid " + process.pid());
    assertThat(terminate()).as("exited on SIGTERM").isTrue();
  }

  @Test
  void asAClusterOfTwoBothWorkersAnswerOnThePortAndSigtermEndsThem() throws Exception {
    int port = freePort();
    start("--port", Integer.toString(port), "--cluster", "2");
    Set<Long> workers = new HashSet<>();
    for (int i = 0; i < 2; i++) {
      Matcher m = WORKER_LISTENING.matcher(line());
      assertThat(m.matches()).as("a worker's listening line").isTrue();
      assertThat(Integer.parseInt(m.group(2))).isEqualTo(port);
      workers.add(Long.parseLong(m.group(1)));
    }
    assertThat(workers).hasSize(2).doesNotContain(process.pid());
    Set<Long> answered = new HashSet<>();
    for (int i = 0; i < TRIES && answered.size() < 2; i++) {
      answered.add(Long.parseLong(get(port).substring("hello from pid ".length())));
    }
    assertThat(answered).as("pids that answered").isEqualTo(workers);
    assertThat(terminate()).as("the primary exited on SIGTERM").isTrue();
    for (long pid : workers) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("worker " + pid + " after the primary's SIGTERM").isFalse();
    }
  }

  private void start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HelloCluster.class.getName()));
    command.addAll(List.of(args));
    process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    InputStream out = process.getInputStream();
    Thread.ofPlatform().daemon().name("hello-cluster-stdout").start(() -> {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) {
          lines.add(l);
        }
      } catch (IOException e) {
        lines.add("stdout failed: " + e);
      }
    });
  }

  /** The next line it prints (60 s at most: a JVM or two to start). */
  private String line() throws InterruptedException {
    String l = lines.poll(60, TimeUnit.SECONDS);
    assertThat(l).as("a line from the example within 60 s").isNotNull();
    return l;
  }

  /** SIGTERM, then whether it exited within 60 s (a primary first lets its workers go). */
  private boolean terminate() throws InterruptedException {
    process.destroy();
    return process.waitFor(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** GET / on a fresh connection, so that each may reach either worker; the body, trimmed. */
  private static String get(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(response).startsWith("HTTP/1.1 200");
      return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
    }
  }
}
