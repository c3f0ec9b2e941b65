package io.execmodels.eventloop.cluster;

import io.execmodels.core.Job;
import io.execmodels.eventloop.EventLoop;
import io.execmodels.multiprocess.BrokenWorkerException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster model's {@code compute}: jobs go to the workers of a {@link Cluster} as Node's
 * primary hands connections to its workers in round-robin mode: each to the next free worker, in
 * the order they became free; a worker holds one job at a time, and jobs wait in the primary while
 * every worker is busy. The cluster starts its workers on the first job, as a process pool starts
 * its children on demand, and replaces a crashed one as its {@link RestartPolicy} says.
 *
 * <p>Invariants, on the primary's loop: {@link #live} holds the workers online and not exited;
 * a worker is in at most one of {@link #free} and {@link #busy}'s keys, and only while live; {@link #queue} holds jobs only
 * while {@link #free} is empty (each change ends in {@link #dispatch}); every job submitted ends
 * once, in {@link PendingJob#succeed} or {@link PendingJob#fail}: with its reply, with the
 * failure of its worker (exit, refusal of the job or of its reply), or, if it never reached a
 * worker, when no worker could start or the model shut down.
 *
 * <p>Thread-safety: {@link #submit} on the primary's loop; {@link #close} and the statistics from
 * any thread.
 */
final class JobDispatcher {
  private static final System.Logger LOG = System.getLogger("io.execmodels");

  private final EventLoop loop;
  private final ClusterSettings settings;
  private final int size;
  /** Guards {@link #cluster} and {@link #closed}, which {@link #close} reads off the loop. */
  private final Object lock = new Object();
  private Cluster cluster;
  private boolean closed;

  /** Loop only (see the invariants). */
  private final Set<ClusterWorker> live = new HashSet<>();
  private final ArrayDeque<ClusterWorker> free = new ArrayDeque<>();
  private final Map<ClusterWorker, PendingJob> busy = new HashMap<>();
  private final ArrayDeque<PendingJob> queue = new ArrayDeque<>();
  private long nextId;
  /** Loop only: workers forked and neither online nor exited yet. */
  private int starting;
  /** Loop only: why the last worker could not start, for the jobs that then wait for none. */
  private Throwable startFailure;
  /** Loop only: worker slots the restart policy gave up. */
  private int givenUp;

  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong forks = new AtomicLong();

  JobDispatcher(EventLoop loop, ClusterSettings settings, int size) {
    this.loop = loop;
    this.settings = settings;
    this.size = size;
  }

  /**
   * Queues {@code job} for the next free worker; {@code onDone} runs on the loop once it has an
   * outcome (which may be before this returns).
   *
   * @throws RejectedExecutionException after {@link #close}
   */
  PendingJob submit(Job<?> job, Runnable onDone) {
    assert loop.inLoop();
    startIfFirst();
    PendingJob p = new PendingJob(nextId++, job, () -> {
      completed.incrementAndGet();
      onDone.run();
    });
    if (givenUp == size) {
      p.fail(new BrokenWorkerException("every worker of the cluster model crashed too often and"
          + " was given up (see the log and RestartPolicy); no job can run", startFailure));
      return p;
    }
    queue.addLast(p);
    dispatch();
    return p;
  }

  private void startIfFirst() {
    synchronized (lock) {
      if (closed) {
        throw new RejectedExecutionException("the cluster model is shut down");
      }
      if (cluster != null) {
        return;
      }
      cluster = new Cluster(loop, settings);
      cluster.on("fork", a -> forked((ClusterWorker) a[0]));
      cluster.on("online", a -> online((ClusterWorker) a[0]));
      cluster.on("message", a -> replied((ClusterWorker) a[0], a[1]));
      cluster.on("exit", a -> exited((ClusterWorker) a[0], (Integer) a[1], (String) a[2]));
      cluster.on("error", a -> gaveUp((Throwable) a[0]));
      for (int i = 0; i < size; i++) {
        cluster.fork();
      }
    }
  }

  /** Sends queued jobs to free workers, first come first served, while there are both. */
  private void dispatch() {
    while (!queue.isEmpty() && !free.isEmpty()) {
      ClusterWorker w = free.pollFirst();
      PendingJob p = queue.pollFirst();
      try {
        w.send(new JobRequest(p.id, p.job));
        busy.put(w, p);
      } catch (IllegalArgumentException notSerializable) {
        free.addFirst(w);
        p.fail(new IllegalArgumentException("a compute job on the cluster model must be"
            + " serializable: " + notSerializable.getMessage(), notSerializable));
      } catch (IllegalStateException leaving) {
        // Its link closed under us: its exit follows. The job never left: it goes first again.
        queue.addFirst(p);
      }
    }
    assert queue.isEmpty() || free.isEmpty();
  }

  private void forked(ClusterWorker w) {
    starting++;
    forks.incrementAndGet();
    // A refusal either way, or a failure to start; with no listener, an error would throw.
    w.on("error", a -> failed(w, (Throwable) a[0]));
  }

  private void online(ClusterWorker w) {
    starting--;
    live.add(w);
    free.addLast(w);
    dispatch();
  }

  private void replied(ClusterWorker w, Object message) {
    PendingJob p = busy.remove(w);
    if (!(message instanceof JobReply r) || p == null || r.id() != p.id) {
      // Not our worker protocol: a bug, so that worker is not trusted with another job.
      IllegalStateException e = new IllegalStateException(w + " sent " + message
          + " while holding " + (p == null ? "no job" : "job " + p.id)
          + ": not the cluster model's worker protocol; the worker is killed");
      LOG.log(System.Logger.Level.ERROR, e.getMessage());
      if (p != null) {
        p.fail(e);
      }
      w.kill("SIGKILL");
      return;
    }
    free.addLast(w);
    if (r.failure() != null) {
      p.fail(r.failure());
    } else {
      p.succeed(r.value());
    }
    dispatch();
  }

  /**
   * {@code w} refused its job, the primary refused its reply, or it could not start. The job
   * fails with that, and the worker, which goes on, takes the next.
   */
  private void failed(ClusterWorker w, Throwable why) {
    PendingJob p = busy.remove(w);
    if (p == null) {
      startFailure = why;
      return;
    }
    if (live.contains(w)) {
      free.addLast(w);
    }
    p.fail(why);
    dispatch();
  }

  private void exited(ClusterWorker w, Integer code, String signal) {
    boolean wasOnline = live.remove(w);
    free.remove(w);
    if (!wasOnline) {
      starting--;
    }
    PendingJob p = busy.remove(w);
    if (p != null) {
      p.fail(new BrokenWorkerException(w + " exited (" + (signal != null ? signal : "code " + code)
          + ") while it ran job " + p.id + "; the cluster replaces crashed workers as its"
          + " RestartPolicy says"));
    }
    if (!live.isEmpty() || starting > 0) {
      return;
    }
    boolean shutDown;
    synchronized (lock) {
      shutDown = closed;
    }
    if (shutDown) {
      failQueue(new RejectedExecutionException("the cluster model shut down before the job ran"));
    } else if (!wasOnline) {
      failQueue(new BrokenWorkerException("no worker of the cluster model could start (it is"
          + " retried as the RestartPolicy says)", startFailure));
    }
  }

  private void gaveUp(Throwable why) {
    givenUp++;
    startFailure = why;
  }

  private void failQueue(Throwable why) {
    for (PendingJob p; (p = queue.pollFirst()) != null; ) {
      p.fail(why);
    }
  }

  /**
   * Refuses further jobs, then closes the cluster (if it started): its workers finish the job in
   * hand within the settings' disconnect grace, or are killed; returns once all are reaped. The
   * jobs they did not finish fail, on the loop, with their exits. Any thread but the loop's.
   */
  void close() {
    Cluster c;
    synchronized (lock) {
      closed = true;
      c = cluster;
    }
    if (c != null) {
      c.close();
    }
  }

  /** Jobs that have an outcome. Any thread. */
  long completed() {
    return completed.get();
  }

  /** Workers forked, replacements included. Any thread. */
  long forks() {
    return forks.get();
  }
}
