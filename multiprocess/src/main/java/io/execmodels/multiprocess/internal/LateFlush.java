package io.execmodels.multiprocess.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a child's buffered answers when it starts a job without having sent them: the child
 * flushes only when no further frame is already read in, so that a run of short tasks answers in
 * few writes; but a short task's answer must not wait behind a long task sent right after it
 * (the parent's {@code as_completed} would see it late). When a job starts with answers still
 * buffered, a daemon thread waits {@link #DELAY_NANOS} (a short job usually ends by then, and
 * its answer goes in the same write) and flushes if they are still unsent.
 *
 * <p>{@link #wrote()}, {@link #flush()} and {@link #jobStarting()} are the main thread's. The
 * stream is a {@code BufferedOutputStream}, whose writes and flushes are safe from two threads.
 */
final class LateFlush {
  /** How long a started job may hold earlier answers back: about ten short tasks' time. */
  static final long DELAY_NANOS = 200_000;

  private final OutputStream out;
  private final Thread thread;
  /** Answers written to the buffer; the main thread's only writes, volatile for the flusher. */
  private volatile long written;
  /** Answers known to be flushed; either thread may set it, a stale value costs one flush. */
  private volatile long flushed;

  LateFlush(OutputStream out) {
    this.out = out;
    this.thread = new Thread(this::run, "execmodels-late-flush");
    thread.setDaemon(true);
    thread.start();
  }

  /** An answer was written to the buffer. */
  void wrote() {
    written++;
  }

  /** Flushes now, from the main thread. */
  void flush() throws IOException {
    long w = written;
    out.flush();
    flushed = w;
  }

  /** A job starts: if answers are still buffered, they go out after the delay. */
  void jobStarting() {
    if (flushed != written) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    while (true) {
      LockSupport.park(this);
      long w = written;
      if (flushed >= w) {
        continue; // a spurious wake-up, or the main thread flushed meanwhile
      }
      LockSupport.parkNanos(this, DELAY_NANOS);
      if (flushed < w) {
        try {
          out.flush();
        } catch (IOException e) {
          return; // the socket is gone: the main thread finds out on its own
        }
        flushed = w;
      }
    }
  }
}
