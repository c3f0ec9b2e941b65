package io.execmodels.eventloop;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Notices a callback, or a task's turn, that holds the loop longer than the threshold, and reports
 * it once through {@link System.Logger} ({@code io.execmodels}, WARNING) with the stack of the
 * thread holding the turn, caught while it still holds it.
 *
 * <p>It costs the loop one opaque counter increment per callback: a daemon thread samples the
 * counter every quarter threshold, and a counter that has not moved while the loop is not asleep
 * in its selector means one callback is still running. So a hold is seen between 1 and 1.25
 * thresholds after it began, and its length, counted in the stats when it ends, is measured to a
 * quarter threshold (a hold still open when the loop ends, its last callback's, until the end).
 * The thread runs only while the loop {@linkplain EventLoop#run runs}.
 */
final class BlockedLoopDetector {
  private static final System.Logger LOG = System.getLogger("io.execmodels");

  /** The stack of the thread that held the loop, as a throwable so log handlers print it. */
  static final class BlockedStack extends Throwable {
    private static final long serialVersionUID = 1L;

    BlockedStack(Thread holder, StackTraceElement[] stack) {
      super("stack of " + holder + " while it held the event loop", null, false, true);
      setStackTrace(stack);
    }
  }

  private final EventLoop loop;
  private final long thresholdNanos;
  private volatile boolean stopped;
  private volatile long blockedCount;
  private volatile long blockedNanos;
  private Thread thread;

  BlockedLoopDetector(EventLoop loop, Duration threshold) {
    this.loop = loop;
    this.thresholdNanos = threshold.toNanos();
  }

  long blockedCount() {
    return blockedCount;
  }

  long blockedNanos() {
    return blockedNanos;
  }

  void start() {
    if (thresholdNanos == 0) {
      return;
    }
    stopped = false;
    thread = Thread.ofPlatform().daemon().name("execmodels-eventloop-watchdog").start(this::watch);
  }

  void stop() {
    if (thread == null) {
      return;
    }
    stopped = true;
    thread.interrupt();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    thread = null;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void watch() {
    long tick = Math.max(1_000_000, thresholdNanos / 4);
    long last = loop.hooks().progress();
    long since = System.nanoTime();
    boolean reported = false;
    while (!stopped) {
      try {
        Thread.sleep(Duration.ofNanos(tick));
      } catch (InterruptedException e) {
        break;
      }
      long now = System.nanoTime();
      long p = loop.hooks().progress();
      if (p != last || loop.hooks().sleeping()) {
        if (reported) {
          blockedNanos += now - since;
        }
        last = p;
        since = now;
        reported = false;
      } else if (!reported && now - since >= thresholdNanos) {
        reported = true;
        blockedCount++;
        Thread holder = loop.hooks().owner();
        if (holder != null) {
          LOG.log(Level.WARNING, "event loop blocked: one callback has held it for "
              + (now - since) / 1_000_000 + " ms (threshold " + thresholdNanos / 1_000_000
              + " ms); nothing else runs meanwhile", new BlockedStack(holder,
                  holder.getStackTrace()));
        }
      }
    }
    // The loop has ended: its run stops this thread right after the last callback returns. A hold
    // still open at the last sample was that callback's, and it lasted until about now; counted
    // nowhere else, the lag of a loop whose last work blocked it would read 0.
    long now = System.nanoTime();
    if (reported) {
      blockedNanos += now - since;
    } else if (loop.hooks().progress() == last && now - since >= thresholdNanos && !loop.hooks().sleeping()) {
      blockedCount++;
      blockedNanos += now - since;
    }
  }
}
