package io.execmodels.multiprocess;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.execmodels.multiprocess.internal.ChildMain;
import io.execmodels.multiprocess.internal.Failures;
import io.execmodels.multiprocess.internal.FrameException;
import io.execmodels.multiprocess.internal.Frames;
import io.execmodels.multiprocess.internal.Payloads;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts child JVMs and brings them to READY: all the children of one start are launched at once,
 * then connect to a listening Unix domain socket in a fresh 0700 temporary directory, say HELLO
 * with the token they were given, run the initializer and say READY. The socket and its directory
 * exist only while a start is in progress: they are deleted before {@link #launch} returns, so a
 * parent that dies later leaves no file behind. Thread-safe; each call is independent.
 */
final class Launcher {
  private static final SecureRandom TOKENS = new SecureRandom();
  private static final long POLL_MILLIS = 20;

  private final PoolOptions options;
  private final Payloads payloads;
  private final byte[] initializer;
  private final List<String> head;
  private final String classPath;
  private final Path archive;
  /** The children's main class: {@link ChildMain}, a test's stand-in, or a named entry point. */
  private final String childMain;
  /**
   * A named entry point's arguments, or {@code null} for {@link ChildMain}, which gets the link's
   * parameters as arguments; an entry point gets them in {@link ParentLink#ENVIRONMENT_VARIABLE}.
   */
  private final List<String> entryArgs;
  /** Variables added to a named entry point's environment. */
  private final Map<String, String> entryEnv;

  Launcher(PoolOptions options, Payloads payloads, String childMain) {
    this(options, payloads, childMain, null, Map.of());
  }

  /**
   * A launcher of {@code mainClass} with {@code args} and {@code env} (a named entry point, which
   * connects back with {@link ParentLink}), or of {@link ChildMain} if {@code args} is null.
   */
  Launcher(PoolOptions options, Payloads payloads, String childMain, List<String> args,
      Map<String, String> env) {
    this.options = options;
    this.childMain = childMain;
    this.entryArgs = args == null ? null : List.copyOf(args);
    this.entryEnv = Map.copyOf(env);
    this.payloads = payloads;
    try {
      this.initializer = options.initializer().isPresent()
          ? Payloads.encode(options.initializer().get()) : new byte[0];
    } catch (IOException e) {
      throw new IllegalArgumentException("the initializer is not serializable: " + e, e);
    }
    List<String> h = new ArrayList<>();
    h.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    h.addAll(options.jvmOptions());
    this.head = List.copyOf(h);
    this.classPath = childClassPath();
    this.archive = options.cdsCache().map(dir -> cdsArchive(dir, head, classPath)).orElse(null);
  }

  /**
   * The class-data sharing archive for this JVM, its options and its class path's jars (names,
   * sizes, modification times): one file per combination, since an archive is only valid for the
   * exact jars it was made from. None before JDK 19 (no {@code -XX:+AutoCreateSharedArchive}),
   * with a directory on the class path (a dynamic archive cannot cover one: the child would fail
   * at exit), or if the cache directory cannot be made.
   */
  private static Path cdsArchive(Path dir, List<String> head, String classPath) {
    if (Runtime.version().feature() < 19) {
      return null;
    }
    Optional<List<Path>> jars = jarsOnly(classPath);
    if (jars.isEmpty()) {
      return null;
    }
    try {
      Files.createDirectories(dir);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      StringBuilder key = new StringBuilder(Runtime.version() + "\n" + String.join("\n", head));
      for (Path jar : jars.get()) {
        key.append('\n').append(jar).append(' ').append(Files.size(jar)).append(' ')
            .append(Files.getLastModifiedTime(jar).toMillis());
      }
      sha.update(key.toString().getBytes(StandardCharsets.UTF_8));
      return dir.resolve("child-" + HexFormat.of().formatHex(sha.digest(), 0, 12) + ".jsa");
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }

  /** How many archives the cache keeps: one per class path and JVM, so a few in practice. */
  private static final int ARCHIVES_KEPT = 8;

  /**
   * Deletes all but the {@link #ARCHIVES_KEPT} newest archives in {@code dir}: every rebuilt jar
   * makes a new one, and the old ones are never used again. A JVM that has one mapped keeps it.
   */
  static void pruneArchives(Path dir) {
    try (var files = Files.list(dir)) {
      List<Path> archives = files
          .filter(p -> p.getFileName().toString().matches("child-[0-9a-f]+\\.jsa"))
          .sorted(Comparator.comparing(Launcher::modified).reversed())
          .toList();
      for (Path old : archives.subList(Math.min(ARCHIVES_KEPT, archives.size()),
          archives.size())) {
        Files.deleteIfExists(old);
      }
    } catch (IOException | UncheckedIOException e) {
      // A cache that cannot be tidied still works.
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the children run on: this JVM's class path and module path together, as one class path.
   * An application on the module path has an empty class path; its children need its modules'
   * classes all the same, and run them as plain classes (module descriptors play no part in
   * running a job).
   */
  private static String childClassPath() {
    List<String> parts = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        parts.add(value);
      }
    }
    return String.join(java.io.File.pathSeparator, parts);
  }

  /**
   * The command line of one child, up to its main class. Once the archive exists, every child maps
   * it; until then, the first child of a start makes it when it exits ({@code dumper}), alone, so
   * that no two JVMs write the same file.
   */
  private List<String> command(boolean dumper) {
    List<String> cmd = new ArrayList<>(head);
    if (archive != null && (dumper || Files.exists(archive))) {
      cmd.add("-XX:SharedArchiveFile=" + archive);
      if (dumper) {
        cmd.add("-XX:+AutoCreateSharedArchive");
      }
      // The archive is a cache: one the JVM cannot use is skipped, and need not be reported.
      cmd.add("-Xlog:cds=off");
      cmd.add("-Xlog:cds+dynamic=off");
    }
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(childMain);
    return cmd;
  }

  /**
   * The jars of the class path, with those named by their manifests' {@code Class-Path}, or none if
   * it holds a directory.
   */
  private static Optional<List<Path>> jarsOnly(String classPath) {
    List<Path> jars = new ArrayList<>();
    Deque<Path> todo = new ArrayDeque<>();
    for (String e : classPath.split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        todo.add(Path.of(e));
      }
    }
    Set<Path> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Path p = todo.poll().toAbsolutePath().normalize();
      if (!seen.add(p) || !Files.exists(p)) {
        continue;
      }
      if (Files.isDirectory(p)) {
        return Optional.empty();
      }
      jars.add(p);
      try (JarFile jar = new JarFile(p.toFile())) {
        Manifest m = jar.getManifest();
        String more = m == null ? null : m.getMainAttributes().getValue("Class-Path");
        if (more != null) {
          for (String url : more.trim().split("\\s+")) {
            todo.add(Path.of(p.getParent().toUri().resolve(url)));
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.of(jars);
  }

  /** The command line a child is started with, for diagnostics and tests. */
  List<String> command() {
    return List.copyOf(command(false));
  }

  /**
   * Starts one child per id and returns them READY, in the order of {@code ids}.
   *
   * <p>The start timeout covers the whole start: launch, connect, handshake, initializer and
   * READY. The connect phase polls its deadline; the later phases read a child's socket, so a
   * watchdog kills every child of this start at the deadline, which ends those reads (a child
   * stopped with SIGSTOP, or an initializer that never returns, cannot hold the start for good).
   *
   * @throws BrokenWorkerException if a child could not be started, exited before it was ready,
   *     did not get ready within the start timeout (naming the phase), or its initializer failed;
   *     every child this call started has then been killed and reaped
   */
  List<Worker> launch(List<Integer> ids) {
    List<Worker> started = new ArrayList<>();
    StartWatchdog watchdog = new StartWatchdog(started);
    Path dir = null;
    Path socket = null;
    try {
      dir = Files.createTempDirectory(tempBase(), "execmodels-pool-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      socket = dir.resolve("s");
      Leftovers.register(dir, socket);
      long deadline = System.nanoTime() + options.startTimeout().toNanos();
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
          Selector selector = Selector.open()) {
        server.bind(UnixDomainSocketAddress.of(socket));
        long[] tokens = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
          tokens[i] = TOKENS.nextLong();
          boolean dumper = i == 0 && archive != null && !Files.exists(archive);
          if (dumper) {
            pruneArchives(archive.getParent());
          }
          started.add(start(ids.get(i), socket, tokens[i], dumper));
        }
        watchdog.arm(deadline);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        int connected = 0;
        while (connected < ids.size()) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            throw new BrokenWorkerException("workers did not connect within "
                + options.startTimeout() + " (startTimeout)");
          }
          selector.select(Math.min(left, POLL_MILLIS));
          selector.selectedKeys().clear();
          for (SocketChannel c; (c = server.accept()) != null; ) {
            watchdog.phase = "the handshake (a child connected but sent no HELLO)";
            c.configureBlocking(true);
            hello(c, ids, tokens, started);
            connected++;
          }
          for (Worker w : started) {
            if (w.channel == null && !w.process.isAlive()) {
              throw new BrokenWorkerException(w + " exited before it connected, with "
                  + Worker.describeExit(w.process.exitValue()) + "; command: "
                  + String.join(" ", command(false)));
            }
          }
        }
      }
      // Everyone is connected: the file has done its job, and a parent dying from here on
      // leaves nothing behind.
      deleteQuietly(socket);
      deleteQuietly(dir);
      Leftovers.forget(dir);
      watchdog.phase = "the initializer (a child connected but did not say READY)";
      for (Worker w : started) {
        w.flushNow(Frames.frame(Frames.INIT, initializer));
      }
      for (Worker w : started) {
        ready(w);
      }
      if (!watchdog.disarm()) {
        throw watchdog.timedOut(null);
      }
      return started;
    } catch (IOException e) {
      watchdog.disarm();
      killAll(started);
      throw watchdog.fired() ? watchdog.timedOut(e)
          : new BrokenWorkerException("could not start workers: " + e, e);
    } catch (RuntimeException e) {
      watchdog.disarm();
      killAll(started);
      throw watchdog.fired() ? watchdog.timedOut(e) : e;
    } finally {
      deleteQuietly(socket);
      deleteQuietly(dir);
      Leftovers.forget(dir);
    }
  }

  private Worker start(int id, Path socket, long token, boolean dumper) throws IOException {
    List<String> cmd = command(dumper);
    List<String> link = List.of(socket.toString(), Integer.toString(id), Long.toString(token),
        Integer.toString(options.maxFrameBytes()), String.join(";", options.allowed()),
        Long.toString(options.maxDecodeDepth()), Long.toString(options.maxDecodeRefs()));
    cmd.addAll(entryArgs == null ? link : entryArgs);
    ProcessBuilder builder = new ProcessBuilder(cmd);
    if (entryArgs != null) {
      builder.environment().putAll(entryEnv);
      builder.environment().put(ParentLink.ENVIRONMENT_VARIABLE, String.join("\t", link));
    }
    Process p = builder.start();
    // Tasks come over the socket; the child's stdin has no use.
    p.getOutputStream().close();
    return new Worker(id, p);
  }

  /** Reads a connecting child's HELLO and binds the socket to the worker it names. */
  private static void hello(SocketChannel c, List<Integer> ids, long[] tokens,
      List<Worker> started) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(c)));
    byte[] body = Frames.read(in, 64);
    if (body == null || body[0] != Frames.HELLO || body.length != 21) {
      c.close();
      throw new FrameException("a child's first frame was not a HELLO");
    }
    ByteBuffer b = ByteBuffer.wrap(body, 1, 20);
    long token = b.getLong();
    int id = b.getInt();
    long pid = b.getLong();
    int i = ids.indexOf(id);
    Worker w = i < 0 ? null : started.get(i);
    if (w == null || tokens[i] != token || w.pid != pid || w.channel != null) {
      c.close();
      throw new FrameException("a child said HELLO as worker " + id + " (pid " + pid
          + ") with a token that does not match");
    }
    w.channel = c;
    w.in = in;
  }

  private void ready(Worker w) throws IOException {
    byte[] body = Frames.read(w.in, options.maxFrameBytes());
    if (body == null) {
      throw new BrokenWorkerException(w + " exited during its start, with "
          + Worker.describeExit(w.awaitExit(5_000)));
    }
    if (body[0] == Frames.INIT_FAILED) {
      throw new BrokenWorkerException(w + ": the initializer failed",
          Failures.decode(payloads, body, 1));
    }
    if (body[0] == Frames.PROTOCOL_ERROR) {
      throw new BrokenWorkerException(w + " could not start: "
          + new String(body, 1, body.length - 1, StandardCharsets.UTF_8));
    }
    if (body[0] != Frames.READY) {
      throw new FrameException(w + " sent frame kind " + body[0] + " instead of READY");
    }
  }

  /**
   * Kills the children of one start if it is not over by its deadline. Exactly one of {@link
   * #disarm} (the start finished) and the deadline wins, by a compare-and-set, so a start never
   * returns children the watchdog is killing.
   */
  private static final class StartWatchdog {
    private final List<Worker> started;
    private final CountDownLatch over = new CountDownLatch(1);
    private final AtomicInteger state = new AtomicInteger(); // 0 running, 1 disarmed, 2 fired
    private Duration timeout;
    /** What the start waits for now, for the timeout's message; written by the starting thread. */
    volatile String phase = "the connect (a child did not connect to the pool's socket)";

    StartWatchdog(List<Worker> started) {
      this.started = started;
    }

    /** Starts watching; the children are all in {@code started} by now and it no longer grows. */
    void arm(long deadlineNanos) {
      timeout = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
      Thread.ofVirtual().name("execmodels-pool-start-watchdog").start(() -> {
        try {
          if (!over.await(Math.max(0, deadlineNanos - System.nanoTime()), NANOSECONDS)
              && state.compareAndSet(0, 2)) {
            for (Worker w : started) {
              w.kill(); // ends the starting thread's blocking read of that child's socket
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }

    /** Ends the watch; whether the start finished before the deadline fired. */
    boolean disarm() {
      boolean won = state.compareAndSet(0, 1);
      over.countDown();
      return won || state.get() == 1;
    }

    boolean fired() {
      return state.get() == 2;
    }

    BrokenWorkerException timedOut(Throwable cause) {
      return new BrokenWorkerException("workers did not start within " + timeout
          + " (startTimeout): killed while waiting for " + phase, cause);
    }
  }

  private static void killAll(List<Worker> workers) {
    for (Worker w : workers) {
      w.kill();
    }
    for (Worker w : workers) {
      w.awaitExit(10_000);
      w.release();
    }
  }

  /**
   * The directory for the socket: {@code java.io.tmpdir}, unless that is too long for a socket
   * path (Linux allows 107 bytes), then {@code /tmp}.
   */
  private static Path tempBase() {
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    return base.toString().length() > 60 ? Path.of("/tmp") : base;
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      System.getLogger("io.execmodels").log(System.Logger.Level.WARNING,
          "could not delete " + p, e);
    }
  }
}
