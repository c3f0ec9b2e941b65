package io.execmodels.multiprocess;

import io.execmodels.core.Job;
import io.execmodels.multiprocess.internal.ChildMain;
import io.execmodels.multiprocess.internal.Failures;
import io.execmodels.multiprocess.internal.FrameException;
import io.execmodels.multiprocess.internal.Frames;
import io.execmodels.multiprocess.internal.Payloads;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A child's side of a {@link ChildLink}: the connection back to the parent that started this JVM
 * on a named entry point. {@link #connect} reads the link's parameters from {@link
 * #ENVIRONMENT_VARIABLE}, connects, says HELLO, runs the pool options' initializer if any, and
 * says READY (the parent's {@link ChildLink#start} returns then); from there on messages go both
 * ways, serialized behind the same allow-list and graph limits as a pool's tasks.
 *
 * <p>Thread-safety: {@link #send} and {@link #close} may be called from any thread; sends are
 * written in the order they are made (a send blocks while the socket's buffer is full). The
 * listener is called on this link's reader thread, one call at a time, in arrival order. A child
 * whose parent dies halts with status 5, as a pool's children do.
 */
public final class ParentLink implements AutoCloseable {

  /** The environment variable that carries the link's parameters to a child: its presence says
   *  this JVM was started by a {@link ChildLink}. */
  public static final String ENVIRONMENT_VARIABLE = "EXECMODELS_PARENT_LINK";

  /** What a link reports, on its reader thread. */
  public interface Listener {
    /**
     * A message from the parent, in the order it was sent.
     *
     * @param message the deserialized message the parent sent
     */
    void onMessage(Object message);

    /**
     * The parent refused a message this side sent; {@code reason} names the class or limit.
     *
     * @param reason why the parent refused it: the class or limit at fault
     */
    void onRefused(String reason);

    /**
     * The link ended: closed by either side, or the parent's socket closed. Called once, and not
     * when the link ends because this JVM exits.
     */
    void onDisconnect();
  }

  private final SocketChannel channel;
  private final DataInputStream in;
  private final Payloads payloads;
  private final int maxFrameBytes;
  private final int id;
  private final Object writeLock = new Object();
  private volatile boolean closed;
  private Thread reader;
  /** Set by the exit hook: the reader's end is the JVM's, not a disconnect to report. */
  private volatile boolean exiting;

  private ParentLink(SocketChannel channel, Payloads payloads, int maxFrameBytes, int id) {
    this.channel = channel;
    this.in = new DataInputStream(
        new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
    this.payloads = payloads;
    this.maxFrameBytes = maxFrameBytes;
    this.id = id;
  }

  /**
   * Whether this JVM was started by a {@link ChildLink} (the variable is set).
   *
   * @return {@code true} if {@link #ENVIRONMENT_VARIABLE} is set
   */
  public static boolean present() {
    return System.getenv(ENVIRONMENT_VARIABLE) != null;
  }

  /**
   * Connects to the parent, runs the initializer, says READY and starts delivering messages to
   * {@code listener}. Blocks until READY is sent. Call once per JVM.
   *
   * @param listener receives the parent's messages, refusals and the disconnect, on the reader
   *     thread; not {@code null}
   * @return the open link to the parent
   * @throws IllegalStateException if this JVM was not started by a {@link ChildLink}, or the
   *     variable is malformed
   * @throws IOException if the parent cannot be reached, or its INIT frame is unusable
   */
  public static ParentLink connect(Listener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    String value = System.getenv(ENVIRONMENT_VARIABLE);
    if (value == null) {
      throw new IllegalStateException(ENVIRONMENT_VARIABLE + " is not set: this JVM was not"
          + " started by a ChildLink");
    }
    String[] p = value.split("\t", -1);
    if (p.length != 7) {
      throw new IllegalStateException(ENVIRONMENT_VARIABLE + " has " + p.length
          + " fields, not 7");
    }
    ChildMain.watchParent();
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(p[0]));
    int id = Integer.parseInt(p[1]);
    ParentLink link = new ParentLink(channel,
        new Payloads(p[4], Long.parseLong(p[5]), Long.parseLong(p[6])), Integer.parseInt(p[3]),
        id);
    link.write(Frames.frame(Frames.HELLO, ByteBuffer.allocate(20).putLong(Long.parseLong(p[2]))
        .putInt(id).putLong(ProcessHandle.current().pid()).array()));
    link.initialize();
    link.reader = new Thread(() -> link.read(listener), "execmodels-parent-link");
    link.reader.setDaemon(true);
    link.reader.start();
    // HotSpot's exit waits up to 300 ms (30 x 10 ms) for threads in native code, and the reader
    // sits in a blocking socket read: shutting the input down first lets a child that exits on
    // its own (process.exit, System.exit) be gone, and reaped by its parent, at once.
    Runtime.getRuntime().addShutdownHook(new Thread(link::endForExit,
        "execmodels-parent-link-exit"));
    return link;
  }

  /**
   * At JVM exit: ends the reader without a disconnect notice (the process is ending, and its
   * parent sees the exit), by shutting the socket's input down.
   */
  private void endForExit() {
    exiting = true;
    try {
      channel.shutdownInput();
    } catch (IOException e) {
      // Already closed: the reader has ended or is ending.
    }
  }

  private void initialize() throws IOException {
    byte[] body = Frames.read(in, maxFrameBytes);
    if (body == null || body[0] != Frames.INIT) {
      throw new FrameException("expected INIT from the parent, got "
          + (body == null ? "the end of the stream" : "frame kind " + body[0]));
    }
    if (body.length > 1) {
      Object initializer = payloads.decode(body, 1, body.length - 1);
      try {
        ((Job<?>) initializer).compute();
      } catch (Exception e) {
        write(Frames.frame(Frames.INIT_FAILED, Failures.encode(e)));
        throw new IOException("the initializer failed: " + e, e);
      }
    }
    write(Frames.frame(Frames.READY, new byte[0]));
  }

  /**
   * This child's id, as the parent numbered it.
   *
   * @return the id the parent gave this child
   */
  public int id() {
    return id;
  }

  /**
   * Whether the link is still open.
   *
   * @return {@code false} once the link is closed
   */
  public boolean isConnected() {
    return !closed;
  }

  /**
   * Sends {@code message} to the parent, after every message sent before it.
   *
   * @param message what to send; must be serializable
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
      throw new IllegalStateException("cannot send to the parent: the link is closed (" + e
          + ")", e);
    }
  }

  private void write(ByteBuffer frame) throws IOException {
    synchronized (writeLock) {
      if (closed) {
        throw new IOException("the link to the parent is closed");
      }
      Frames.writeAll(channel, frame);
    }
  }

  private void read(Listener listener) {
    try {
      for (byte[] body; (body = Frames.read(in, maxFrameBytes)) != null; ) {
        switch (body[0]) {
          case Frames.MESSAGE -> {
            Object message;
            try {
              message = payloads.decode(body, 1, body.length - 1);
            } catch (FrameException refused) {
              refuse(refused.getMessage());
              continue;
            }
            listener.onMessage(message);
          }
          case Frames.REFUSED -> listener.onRefused(
              new String(body, 1, body.length - 1, StandardCharsets.UTF_8));
          default -> throw new FrameException("unexpected frame kind " + body[0]
              + " on a link to the parent");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed && !exiting) {
        System.err.println("execmodels: the link to the parent ended: " + e);
      }
    } finally {
      closeQuietly();
      if (!exiting) {
        listener.onDisconnect();
      }
    }
  }

  private void refuse(String reason) {
    try {
      write(Frames.frame(Frames.REFUSED, reason.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // Closed meanwhile: the reader ends at the socket's end, and reports the disconnect.
    }
  }

  /**
   * Closes the link (Node's {@code process.disconnect()}): the parent sees the end of the socket;
   * the listener's {@code onDisconnect} runs on the reader thread. Idempotent; does not wait.
   */
  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    synchronized (writeLock) {
      closed = true;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket has nothing left to report.
    }
  }
}
