package io.execmodels.eventloop.cluster;

import io.execmodels.eventloop.EventEmitter;
import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.Timeout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@link Cluster#rollingRestart()} under way: the workers it started with are replaced one at
 * a time. Each step forks the replacement (same environment), waits until it listens as often as
 * the old worker did (or is online, for one that did not listen), then disconnects the old worker
 * and waits for its exit; only then does the next step start. A step whose replacement exits,
 * cannot start, or is not ready within the step timeout ends the roll: the replacement is killed
 * and reaped, the old worker keeps serving, and the outcome is rejected naming both. Loop only.
 */
final class RollingRestart {

  private static final System.Logger LOG = System.getLogger("io.execmodels");

  private final Cluster cluster;
  private final EventLoop loop;
  private final Duration stepTimeout;
  private final ArrayDeque<ClusterWorker> old;
  private final List<ClusterWorker> fresh = new ArrayList<>();
  private final Consumer<List<ClusterWorker>> done;
  private final Consumer<Throwable> failed;

  RollingRestart(Cluster cluster, EventLoop loop, List<ClusterWorker> workers,
      Duration stepTimeout, Consumer<List<ClusterWorker>> done, Consumer<Throwable> failed) {
    this.cluster = cluster;
    this.loop = loop;
    this.old = new ArrayDeque<>(workers);
    this.stepTimeout = stepTimeout;
    this.done = done;
    this.failed = failed;
  }

  /** Starts the next step, or ends the roll when every worker has been replaced. */
  void next() {
    assert loop.inLoop();
    ClusterWorker w = old.poll();
    while (w != null && w.isDead()) {
      w = old.poll(); // exited meanwhile: its restart, if any, is its slot's policy's
    }
    if (w == null) {
      done.accept(List.copyOf(fresh));
      return;
    }
    new Step(w).start();
  }

  /** The replacement of one worker. */
  private final class Step {
    private final ClusterWorker previous;
    /** Its servers: the replacement is ready when it has as many. */
    private final int servers;
    private ClusterWorker replacement;
    private Timeout deadline;
    private Throwable cause;
    private boolean settled;
    private final EventEmitter.Listener onListening = a -> listened();
    private final EventEmitter.Listener onOnline = a -> ready();
    private final EventEmitter.Listener onError = a -> cause = (Throwable) a[0];
    private final EventEmitter.Listener onExit = a -> fail("exited (code " + a[0] + ", signal "
        + a[1] + ") before it was ready");

    Step(ClusterWorker previous) {
      this.previous = previous;
      this.servers = previous.listeningCount();
    }

    void start() {
      try {
        replacement = cluster.forkReplacement(previous);
      } catch (IllegalStateException closed) {
        failed.accept(new IllegalStateException("rolling restart stopped before replacing "
            + previous + ": " + closed.getMessage(), closed));
        return;
      }
      replacement.on("error", onError);
      replacement.once("exit", onExit);
      if (servers > 0) {
        replacement.on("listening", onListening);
      } else {
        replacement.once("online", onOnline);
      }
      deadline = loop.setTimeout(() -> fail("was not "
          + (servers > 0 ? "listening" : "online") + " within " + stepTimeout),
          stepTimeout.toMillis());
    }

    private void listened() {
      if (replacement.listeningCount() >= servers) {
        ready();
      }
    }

    private void detach() {
      settled = true;
      loop.clearTimeout(deadline);
      replacement.off("error", onError);
      replacement.off("exit", onExit);
      replacement.off("listening", onListening);
      replacement.off("online", onOnline);
    }

    /** The replacement serves: the old worker may go. */
    private void ready() {
      if (settled) {
        return;
      }
      detach();
      cluster.replaced(replacement);
      fresh.add(replacement);
      if (previous.isDead()) {
        next();
        return;
      }
      // Its servers close only after taking what the kernel queued for them, so every
      // connection lands on a listener that answers it (WorkerProcess.serve).
      Timeout[] kill = new Timeout[1];
      previous.once("exit", a -> {
        loop.clearTimeout(kill[0]);
        next();
      });
      kill[0] = loop.setTimeout(() -> {
        LOG.log(System.Logger.Level.WARNING, previous + " did not exit within " + stepTimeout
            + " of its disconnect in a rolling restart: killed");
        previous.kill("SIGKILL");
      }, stepTimeout.toMillis());
      previous.disconnect();
    }

    /**
     * The replacement failed: it is killed (if it still runs) and reaped, then the roll is
     * rejected; the old worker stays.
     */
    private void fail(String what) {
      if (settled) {
        return;
      }
      detach();
      cluster.replacementFailed();
      IllegalStateException e = new IllegalStateException("rolling restart stopped: "
          + replacement + ", the replacement of " + previous + ", " + what + "; " + previous
          + (previous.isDead() ? " exited meanwhile and is left to its restart policy"
              : " is kept") + (old.isEmpty() ? "" : " and " + old.size() + " more not replaced"),
          cause);
      LOG.log(System.Logger.Level.WARNING, e.getMessage());
      if (replacement.isDead()) {
        failed.accept(e);
      } else {
        replacement.once("exit", a -> failed.accept(e));
        replacement.kill("SIGKILL");
      }
    }
  }
}
