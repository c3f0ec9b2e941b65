package io.execmodels.grid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Standalone {@link GridMember}s as separate JVMs on loopback, for tests: a unique cluster name,
 * an explicit member list, multicast off (as every member config). Each is started with {@code
 * --until-stdin-closes}, so a test JVM that dies leaves none behind; {@link #close} kills and
 * reaps those still alive.
 */
final class MemberJvms implements AutoCloseable {

  /** How long a member JVM may take to say it is up, on a loaded machine. */
  private static final long START_SECONDS = 90;

  private final String clusterName;
  private final List<Integer> ports;
  private final List<Process> processes = new ArrayList<>();

  private MemberJvms(String clusterName, List<Integer> ports) {
    this.clusterName = clusterName;
    this.ports = ports;
  }

  /** Starts {@code n} members, all at once, and returns when each has said it is up. */
  static MemberJvms start(int n, int workersPerMember) throws IOException, InterruptedException {
    List<Integer> ports = freePorts(n);
    MemberJvms jvms = new MemberJvms("grid-test-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime(), ports);
    try {
      List<BlockingQueue<String>> lines = new ArrayList<>();
      for (int port : ports) {
        lines.add(jvms.launch(port, workersPerMember));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
      for (int i = 0; i < n; i++) {
        awaitUp(lines.get(i), deadline, jvms.processes.get(i));
      }
      return jvms;
    } catch (IOException | InterruptedException | RuntimeException e) {
      jvms.close();
      throw e;
    }
  }

  /** The cluster's name. */
  String clusterName() {
    return clusterName;
  }

  /** The members' addresses, as {@code grid.members} takes them. */
  String members() {
    return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** The members' processes, in start order. */
  List<Process> processes() {
    return List.copyOf(processes);
  }

  private BlockingQueue<String> launch(int port, int workers) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-cp", System.getProperty("java.class.path"), GridMember.class.getName(),
        "grid.clusterName=" + clusterName, "grid.members=" + members(), "grid.port=" + port,
        "grid.workersPerMember=" + workers, "--until-stdin-closes");
    Process p = new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    processes.add(p);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("unreadable: " + e);
      }
      lines.add("<end>");
    }, "member-stdout-" + port);
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void awaitUp(BlockingQueue<String> lines, long deadline, Process p)
      throws InterruptedException {
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException("member pid " + p.pid() + " did not say it was up in "
            + START_SECONDS + " s");
      }
      if (line.startsWith("grid member ") && line.endsWith(" is up")) {
        return;
      }
      if (line.equals("<end>")) {
        throw new IllegalStateException("member pid " + p.pid() + " ended before it was up");
      }
    }
  }

  private static List<Integer> freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  /**
   * Kills every member still alive and waits for each to be reaped; an interrupt ends the wait
   * with the interrupt status kept and an {@link IllegalStateException}.
   */
  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      boolean reaped;
      try {
        reaped = p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reaping member pid " + p.pid(), e);
      }
      if (!reaped) {
        throw new IllegalStateException("member pid " + p.pid() + " outlived a SIGKILL by 30 s");
      }
    }
  }
}
