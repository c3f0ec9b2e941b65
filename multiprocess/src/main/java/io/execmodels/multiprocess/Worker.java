package io.execmodels.multiprocess;

import com.google.common.util.concurrent.Uninterruptibles;
import io.execmodels.multiprocess.internal.Frames;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The parent's handle on one child JVM: its process, its socket, the threads that pump its output
 * into the parent's, and the tasks it holds. Fields marked "pool lock" are guarded by the owning
 * pool's lock; frames go out through {@link #outbox} in the order the pool queued them.
 */
final class Worker {
  final int id;
  final Process process;
  final long pid;
  private final Thread outPump;
  private final Thread errPump;
  SocketChannel channel;
  DataInputStream in;
  Thread reader;

  /** Pool lock: tasks sent or about to be, by id, in the order they were given. */
  final Map<Long, PendingTask> held = new LinkedHashMap<>();
  /** Pool lock: tasks given to this worker in its life. */
  int given;
  /** Pool lock: SHUTDOWN is queued; the child's exit with status 0 is expected. */
  boolean stopping;
  /** Pool lock: when it last answered. */
  long lastAnswerNanos;
  /**
   * Pool lock: a moving average of the time between answers while it was busy throughout (it
   * held another task when it answered): its service time, or {@code -1} before any.
   */
  double serviceNanos = -1;

  private final ConcurrentLinkedQueue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
  private Thread writer;
  private boolean wakeWriter;
  private boolean writerClosed;
  private final ReentrantLock writing = new ReentrantLock();

  Worker(int id, Process process) {
    this.id = id;
    this.process = process;
    this.pid = process.pid();
    this.outPump = pump(process.getInputStream(), System.out, "out");
    this.errPump = pump(process.getErrorStream(), System.err, "err");
  }

  /**
   * Copies the child's output to the parent's, line by line, each prefixed with the worker id.
   * Reads {@code System.out}/{@code System.err} at each line, so a redirection the parent makes
   * later is followed.
   */
  private Thread pump(InputStream from, PrintStream initial, String which) {
    boolean toOut = initial == System.out;
    Thread t = new Thread(() -> {
      String prefix = "[worker-" + id + "] ";
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(from, Charset.defaultCharset()))) {
        for (String line; (line = lines.readLine()) != null; ) {
          (toOut ? System.out : System.err).println(prefix + line);
        }
      } catch (IOException ended) {
        // The child's pipe closed under us: nothing more to copy.
      }
    }, "execmodels-worker-" + id + "-std" + which);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Queues a frame; {@link #flush} sends it after those queued before it. */
  void queue(ByteBuffer frame) {
    outbox.add(frame);
  }

  /**
   * Sends everything queued, in order. A write that fails means the child is gone: its reader
   * sees the end and fails what it held, so the error is dropped here.
   */
  void flush() {
    writing.lock();
    try {
      for (ByteBuffer b; (b = outbox.poll()) != null; ) {
        Frames.writeAll(channel, b);
      }
    } catch (IOException gone) {
      outbox.clear();
    } finally {
      writing.unlock();
    }
  }

  /**
   * Sends the outbox on this worker's writer thread. The pool's reader threads use this, never
   * {@link #flush}: a reader blocked writing a large frame to a child that is itself blocked
   * writing its answer would stop reading that answer, and both would wait forever.
   */
  void flushLater() {
    synchronized (this) {
      wakeWriter = true;
      notifyAll();
    }
  }

  /** Starts the writer thread behind {@link #flushLater}; once the socket is connected. */
  void startWriter() {
    Thread t = new Thread(() -> {
      while (true) {
        synchronized (this) {
          while (!wakeWriter && !writerClosed) {
            try {
              wait();
            } catch (InterruptedException e) {
              writerClosed = true;
            }
          }
          if (!wakeWriter) {
            return;
          }
          wakeWriter = false;
        }
        flush();
      }
    }, "execmodels-worker-" + id + "-writer");
    t.setDaemon(true);
    writer = t;
    t.start();
  }

  /** Queues a frame and sends the outbox. */
  void flushNow(ByteBuffer frame) {
    queue(frame);
    flush();
  }

  /** Kills the child at once (SIGKILL). */
  void kill() {
    process.destroyForcibly();
  }

  /**
   * Waits for the child to end and returns its exit status, killing it if it has not ended within
   * {@code graceMillis}. The JDK reaps it: no zombie is left.
   */
  int awaitExit(long graceMillis) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return process.waitFor();
          }
          return process.exitValue();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Closes the socket and waits for the writer and the output pumps, which end with the child's
   * pipes.
   */
  void release() {
    synchronized (this) {
      writerClosed = true;
      notifyAll();
    }
    if (writer != null) {
      Uninterruptibles.joinUninterruptibly(writer);
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // Closing a socket to a dead process has nothing left to report.
    }
    Uninterruptibles.joinUninterruptibly(outPump);
    Uninterruptibles.joinUninterruptibly(errPump);
  }

  /** How the child ended, for messages: "exit status 1", "killed by signal 9". */
  static String describeExit(int status) {
    return status > 128 && status < 160 ? "killed by signal " + (status - 128)
        : "exit status " + status;
  }

  @Override
  public String toString() {
    return "worker-" + id + " (pid " + pid + ")";
  }
}
