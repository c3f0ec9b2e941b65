package io.execmodels.eventloop.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server at its file-descriptor limit: a child JVM under {@code ulimit -n}, and more clients
 * than it can hold. Before the accept pause, the first EMFILE ended its loop (the default logger
 * threw while loading its data) or, with logging warm, spun the loop logging a stack trace per
 * attempt.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FdLimitTest {

  private static final int FD_LIMIT = 128;
  private static final int CLIENTS = 400;

  @Test
  void aServerAtItsDescriptorLimitPausesAcceptingReportsRarelyAndServesOnceClientsLeave()
      throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "ulimit -n " + FD_LIMIT + " && exec '" + javaBin + "' -cp '"
        + System.getProperty("java.class.path") + "' " + FdLimitServer.class.getName();
    Process child = new ProcessBuilder("/bin/bash", "-c", command).start();
    AtomicInteger acceptFailureLines = new AtomicInteger();
    List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    Thread errReader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(
          new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null; ) {
          stderr.add(line);
          if (line.contains("accept failed on")) {
            acceptFailureLines.incrementAndGet();
          }
        }
      } catch (java.io.IOException ended) {
        // The child is gone.
      }
    });
    errReader.start();
    List<Socket> clients = new ArrayList<>();
    long started = System.nanoTime();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).as("the server's first line; stderr: %s", stderr).startsWith("port ");
      int port = Integer.parseInt(first.substring(5).trim());

      // Every connect completes in the kernel's backlog; the server accepts until EMFILE.
      for (int i = 0; i < CLIENTS; i++) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        } catch (java.io.IOException e) {
          throw new AssertionError("client " + i + " could not connect; server alive: "
              + child.isAlive() + "; its stderr: " + stderr, e);
        }
        clients.add(s);
      }
      // Wait for the server to have hit the limit (its report), not for a guessed time.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acceptFailureLines.get() == 0 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(acceptFailureLines.get()).as("the server reached its limit; stderr: %s", stderr)
          .isPositive();
      for (Socket s : clients) {
        s.close();
      }
      clients.clear();

      String answer = echo(port, deadline);
      assertThat(answer).isEqualTo("still here");
      assertThat(child.isAlive()).as("the server survived").isTrue();
      // Reports come at most once a second, whatever the number of failed attempts.
      long seconds = 1 + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertThat(acceptFailureLines.get()).as("reports in about %s s", seconds)
          .isLessThanOrEqualTo((int) seconds + 1);
    } finally {
      for (Socket s : clients) {
        s.close();
      }
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      errReader.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  /** Connects and echoes a line, retrying until the deadline while the server frees descriptors. */
  private static String echo(int port, long deadline) throws Exception {
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(2_000);
        OutputStream o = s.getOutputStream();
        o.write("still here\n".getBytes(StandardCharsets.UTF_8));
        o.flush();
        String line = new BufferedReader(
            new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line != null) {
          return line;
        }
      } catch (java.io.IOException e) {
        last = e;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server never answered again", last);
  }
}
