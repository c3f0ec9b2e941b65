package io.execmodels.multiprocess;

import io.execmodels.multiprocess.internal.FrameException;
import io.execmodels.multiprocess.internal.Frames;
import io.execmodels.multiprocess.internal.Payloads;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started on a named entry point (a class with {@code main}), linked to this one by a
 * message channel: the process machinery of a pool (same {@code java} and class path, {@link
 * PoolOptions#jvmOptions}, private Unix socket, length-prefixed frames, allow-listed
 * serialization with graph limits, parent-death detection, reaping) for a child that runs its own
 * program. The child connects back with {@link ParentLink#connect}.
 *
 * <p>Thread-safety: every method may be called from any thread; {@link #send}s are written in
 * the order they are made. The listener is called on this link's threads, one call at a time:
 * messages and refusals in arrival order, then {@code onDisconnect} once when the socket ends,
 * then {@code onExit} once, after the child is reaped and its output copied out.
 */
public final class ChildLink {

  /** What a link reports. */
  public interface Listener {
    /**
     * A message from the child, in the order it was sent.
     *
     * @param message the message, deserialized; an allow-listed class
     */
    void onMessage(Object message);

    /**
     * The child refused a message this side sent; {@code reason} names the class or limit.
     *
     * @param reason the class or limit that refused it
     */
    void onRefused(String reason);

    /**
     * This side refused a message the child sent (a class off the allow-list, a graph limit);
     * the child is told, as its {@link ParentLink.Listener#onRefused}, and the link goes on.
     * The default does nothing more.
     *
     * @param reason the class or limit that refused it
     */
    default void onUnreadable(String reason) {}

    /** The link ended (either side closed it, or the child died). Called once. */
    void onDisconnect();

    /**
     * The child ended and was reaped, with this exit status (128 + n when killed by signal n, as
     * the shell reports it). Called once, after {@link #onDisconnect}.
     *
     * @param status the exit status; 128 + n after signal n
     */
    void onExit(int status);
  }

  private final Worker worker;
  private final Payloads payloads;
  private final int maxFrameBytes;
  private final Object writeLock = new Object();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile boolean disconnected;

  private ChildLink(Worker worker, Payloads payloads, int maxFrameBytes) {
    this.worker = worker;
    this.payloads = payloads;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Starts {@code mainClass} with {@code args} in a child JVM ({@code options}' JVM options,
   * allow-list, frame and decode limits, start timeout and initializer apply; its worker count
   * does not), with {@code env} added to its environment, and returns once it is READY.
   *
   * @param options the JVM options, allow-list, limits, start timeout and initializer to apply
   * @param id the child's number, in its thread names and {@link #id()}
   * @param mainClass the binary name of the class whose {@code main} the child runs
   * @param args the arguments given to {@code main}; may be empty
   * @param env variables added to the child's environment; not null, may be empty
   * @param listener told of the child's messages, refusals, disconnect and exit; not null
   * @return the link to the child, READY
   * @throws BrokenWorkerException if it could not start, exited before READY, or did not get
   *     ready within the start timeout; it has then been killed and reaped
   */
  public static ChildLink start(PoolOptions options, int id, String mainClass, List<String> args,
      Map<String, String> env, Listener listener) {
    Objects.requireNonNull(listener, "listener");
    Payloads payloads = new Payloads(String.join(";", options.allowed()),
        options.maxDecodeDepth(), options.maxDecodeRefs());
    Launcher launcher = new Launcher(options, payloads, mainClass, args, env);
    Worker w = launcher.launch(List.of(id)).get(0);
    ChildLink link = new ChildLink(w, payloads, options.maxFrameBytes());
    Thread reader = new Thread(() -> link.read(listener), "execmodels-child-" + id + "-link");
    reader.setDaemon(true);
    reader.start();
    Thread reaper = new Thread(() -> link.reap(reader, listener),
        "execmodels-child-" + id + "-reaper");
    reaper.setDaemon(true);
    reaper.start();
    return link;
  }

  /**
   * The id it was started with.
   *
   * @return the id given to {@link #start}
   */
  public int id() {
    return worker.id;
  }

  /**
   * The child's process id.
   *
   * @return the child's operating-system process id
   */
  public long pid() {
    return worker.pid;
  }

  /**
   * Whether the link is still open.
   *
   * @return true until either side closed the link or the child died
   */
  public boolean isConnected() {
    return !disconnected;
  }

  /**
   * Whether the child process is still running.
   *
   * @return true while the child process runs
   */
  public boolean isAlive() {
    return worker.process.isAlive();
  }

  /**
   * Sends {@code message} to the child, after every message sent before it.
   *
   * @param message the message; its classes must be on the child's allow-list
   * @throws IllegalArgumentException if it is not serializable (naming the class)
   * @throws IllegalStateException if the link is closed
   */
  public void send(Serializable message) {
    byte[] bytes;
    try {
      bytes = Payloads.encode(message);
    } catch (IOException e) {
      throw new IllegalArgumentException("the message is not serializable: " + e.getMessage(), e);
    }
    try {
      write(Frames.frame(Frames.MESSAGE, bytes));
    } catch (IOException e) {
      throw new IllegalStateException("cannot send to " + worker + ": the link is closed ("
          + e + ")", e);
    }
  }

  private void write(ByteBuffer frame) throws IOException {
    synchronized (writeLock) {
      if (disconnected) {
        throw new IOException("disconnected");
      }
      Frames.writeAll(worker.channel, frame);
    }
  }

  /** Closes the link (the child sees the end of its socket); the process is left to end. */
  public void disconnect() {
    synchronized (writeLock) {
      disconnected = true;
    }
    try {
      worker.channel.close();
    } catch (IOException e) {
      // Closing a socket has nothing left to report.
    }
  }

  /** Asks the child to end (SIGTERM): its shutdown hooks run. */
  public void terminate() {
    worker.process.destroy();
  }

  /** Kills the child at once (SIGKILL). */
  public void kill() {
    worker.kill();
  }

  /**
   * Completes with the exit status once the child is reaped and the listener's onExit ran.
   *
   * @return a new future of the child's exit status; completing it does not affect the link
   */
  public CompletableFuture<Integer> exit() {
    return exit.copy();
  }

  /**
   * Waits up to {@code timeout} for the child to be reaped; whether it was. Does not kill it.
   *
   * @param timeout how long to wait at most
   * @return true if the child was reaped in time, false if not
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    try {
      exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("the exit future never fails", e);
    }
  }

  private void read(Listener listener) {
    try {
      for (byte[] body; (body = Frames.read(worker.in, maxFrameBytes)) != null; ) {
        switch (body[0]) {
          case Frames.MESSAGE -> {
            Object message;
            try {
              message = payloads.decode(body, 1, body.length - 1);
            } catch (FrameException refused) {
              refuse(refused.getMessage());
              listener.onUnreadable(refused.getMessage());
              continue;
            }
            listener.onMessage(message);
          }
          case Frames.REFUSED -> listener.onRefused(
              new String(body, 1, body.length - 1, StandardCharsets.UTF_8));
          default -> throw new FrameException("unexpected frame kind " + body[0] + " from "
              + worker);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!disconnected && worker.process.isAlive()) {
        System.getLogger("io.execmodels").log(System.Logger.Level.WARNING,
            "the link to " + worker + " ended: " + e);
      }
    } catch (Error e) {
      // A listener's Error must not leave the link half open: end it, report it, then rethrow.
      System.getLogger("io.execmodels").log(System.Logger.Level.ERROR,
          "the link to " + worker + " failed", e);
      throw e;
    } finally {
      disconnect();
      listener.onDisconnect();
    }
  }

  private void refuse(String reason) {
    try {
      write(Frames.frame(Frames.REFUSED, reason.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // Closed meanwhile: the reader ends at the socket's end, and reports the disconnect.
    }
  }

  private void reap(Thread reader, Listener listener) {
    boolean interrupted = false;
    int status;
    while (true) {
      try {
        status = worker.process.waitFor();
        reader.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    worker.release();
    try {
      listener.onExit(status);
    } finally {
      exit.complete(status);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return worker.toString();
  }
}
