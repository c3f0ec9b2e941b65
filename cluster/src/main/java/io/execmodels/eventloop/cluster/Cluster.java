package io.execmodels.eventloop.cluster;

import com.google.common.util.concurrent.Uninterruptibles;
import io.execmodels.eventloop.EventEmitter;
import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.Promise;
import io.execmodels.eventloop.Timeout;
import io.execmodels.multiprocess.BrokenWorkerException;
import io.execmodels.multiprocess.ChildLink;
import io.execmodels.multiprocess.ParentLink;
import java.io.InvalidObjectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The primary's side of Node's {@code cluster}: {@link #fork} starts a worker JVM running the
 * settings' entry point, whose {@link WorkerProcess} connects back. Events, emitted on the
 * primary's loop with the worker first: {@code fork}, {@code online}, {@code listening} (worker,
 * address), {@code message} (worker, message), {@code disconnect}, {@code exit} (worker, code,
 * signal); see {@link ClusterWorker} for what each means and their order, which is Node's.
 *
 * <p>A worker that exits unexpectedly (not disconnected or killed by the primary) is replaced as
 * the settings' {@link RestartPolicy} says: none by default, as in Node.
 *
 * <p>Each live worker keeps the primary's loop alive, as in Node. {@link #close()} disconnects
 * every worker, waits up to the settings' disconnect grace for them to exit, kills the rest and
 * reaps them all; a JVM shutdown (SIGTERM of the primary) does the same through a shutdown hook.
 *
 * <p>{@link #rollingRestart()} replaces the workers one by one, each replacement listening before
 * the worker it replaces stops, so the port never lacks a listener and no request is dropped.
 *
 * <p>Thread-safety: {@link #fork}, {@link #rollingRestart()}, {@link #workers} and the emitter's
 * methods on the loop thread only; {@link #close()} from any thread (it blocks until every worker is reaped, so on the loop
 * the events of their ends are emitted after it returns).
 */
public final class Cluster extends EventEmitter implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("io.execmodels");

  private final EventLoop loop;
  private final ClusterSettings settings;
  private final Thread shutdownHook;
  /** Loop only: workers not yet exited, by id. */
  private final Map<Integer, ClusterWorker> workers = new LinkedHashMap<>();
  /** Loop only: the slot of each worker not yet exited. */
  private final Map<ClusterWorker, Slot> slots = new HashMap<>();
  /** Loop only: replacements waiting for their back-off. */
  private final List<Timeout> restartTimers = new ArrayList<>();
  /** How many there are, for {@link #close()} off the loop. */
  private final AtomicInteger pendingRestarts = new AtomicInteger();
  /** Guards {@link #closed}, {@link #starters} and {@link #links}. */
  private final Object lock = new Object();
  private boolean closed;
  private final List<Thread> starters = new ArrayList<>();
  /** Links of workers that came online and may not have been reaped yet, with their worker. */
  private final Map<ChildLink, ClusterWorker> links = new LinkedHashMap<>();
  private int nextId = 1;
  /** Loop only: the rolling restart under way, or null. */
  private RollingRestart roll;
  /** Loop only: the slot of the worker a rolling restart is replacing now, or null. */
  private Slot rolling;
  /** Loop only: that worker, if it crashed while its replacement started (not yet supervised). */
  private ClusterWorker crashedWhileRolling;

  /**
   * A primary on {@code loop}, forking workers as {@code settings} say; registers the shutdown
   * hook that closes it.
   *
   * @param loop the primary's loop, where every event is emitted and whose thread uses this
   * @param settings what each worker runs and how it is started, supervised and stopped
   * @throws IllegalStateException if this JVM is itself a worker ({@link #isWorker()})
   */
  public Cluster(EventLoop loop, ClusterSettings settings) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (isWorker()) {
      throw new IllegalStateException("this JVM is a cluster worker: it has no workers of its own"
          + " (use WorkerProcess.connect)");
    }
    this.shutdownHook = new Thread(this::closeWorkers, "execmodels-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Whether this JVM is a cluster's primary, that is, not started as a worker. Any thread.
   *
   * @return true unless a primary's {@link #fork} started this JVM
   */
  public static boolean isPrimary() {
    return !isWorker();
  }

  /**
   * Whether this JVM was started by a primary's {@link #fork} (Node's {@code NODE_UNIQUE_ID}).
   * Any thread.
   *
   * @return true if it was, and should {@link WorkerProcess#connect} rather than fork
   */
  public static boolean isWorker() {
    return ParentLink.present();
  }

  /**
   * {@link #fork(Map)} with no extra environment.
   *
   * @return the new worker's handle, not yet online
   */
  public ClusterWorker fork() {
    return fork(Map.of());
  }

  /**
   * Starts a worker with {@code env} added to its environment and returns its handle at once; it
   * emits {@code online} when its JVM has connected back. The cluster emits {@code fork} on the
   * next tick. If it cannot be started (see {@link BrokenWorkerException}), it emits {@code
   * error} (if the worker has a listener for it; it is logged in any case) and then {@code exit}
   * with code 1; it is then replaced as a crashed worker is (see {@link RestartPolicy}).
   *
   * @param env variables added to the worker's environment (this JVM's environment is inherited);
   *     a replacement of the worker gets them too
   * @return the new worker's handle, not yet online
   * @throws IllegalStateException off the loop, or after {@link #close()}
   */
  public ClusterWorker fork(Map<String, String> env) {
    checkLoop();
    return fork(new Slot(Map.copyOf(env)));
  }

  /** Forks the worker of {@code slot}: a first one, or the replacement of one that crashed. */
  private ClusterWorker fork(Slot slot) {
    Map<String, String> environment = slot.env;
    ClusterWorker w = new ClusterWorker(nextId++, loop);
    // As Node's fork does: the cluster hears the worker's messages before any listener added
    // later on the worker.
    w.on("message", a -> emit("message", w, a[0]));
    synchronized (lock) {
      if (closed) {
        w.exited();
        throw new IllegalStateException("the cluster is closed");
      }
      workers.put(w.id(), w);
      slots.put(w, slot);
      slot.startedNanos = System.nanoTime();
      Thread starter = new Thread(() -> start(w, environment),
          "execmodels-cluster-start-" + w.id());
      starter.setDaemon(true);
      starters.add(starter);
      starter.start();
    }
    loop.nextTick(() -> emit("fork", w));
    return w;
  }

  /** On a starter thread: starts the worker's JVM and hands the outcome to the loop. */
  private void start(ClusterWorker w, Map<String, String> env) {
    Events events = new Events(w);
    try {
      ChildLink link;
      try {
        link = ChildLink.start(settings.process(), w.id(), settings.entryClass(),
            settings.args(), env, events);
      } catch (BrokenWorkerException | IllegalArgumentException e) {
        post(() -> {
          LOG.log(System.Logger.Level.WARNING, w + " could not be started: " + e);
          if (w.listenerCount("error") > 0) {
            w.emit("error", e);
          }
          ended(w, 1, null);
        });
        return;
      }
      boolean keep;
      synchronized (lock) {
        keep = !closed;
        if (keep) {
          links.put(link, w);
        }
      }
      if (!keep) {
        // Closed while it started: it never goes online, and is reaped here.
        link.kill();
        events.posted(link);
        awaitQuietly(link, Duration.ofSeconds(10));
        return;
      }
      post(() -> {
        try {
          w.online(link);
        } catch (RuntimeException e) {
          w.emit("error", e); // a message held for it could not be sent
        }
        w.emit("online");
        emit("online", w);
      });
      events.posted(link);
    } finally {
      synchronized (lock) {
        starters.remove(Thread.currentThread());
      }
    }
  }

  /** Runs {@code task} on the loop; a closed loop means the primary is gone, so it is logged. */
  private void post(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, "cluster event after the loop closed: " + e);
    }
  }

  /**
   * Turns one worker's link events into emits on the loop, in the order they come. Each waits
   * until the starter has posted {@code online}: the link's threads start before {@link
   * ChildLink#start} returns, and a worker's first message must not overtake its {@code online}.
   */
  private final class Events implements ChildLink.Listener {
    private final ClusterWorker w;
    private final CountDownLatch online = new CountDownLatch(1);
    private volatile ChildLink link;

    Events(ClusterWorker w) {
      this.w = w;
    }

    /** The starter has posted online (or will never): link events may follow. */
    void posted(ChildLink l) {
      link = l;
      online.countDown();
    }

    /** Bounded: the starter posts right after ChildLink.start returns, or kills the child. */
    private void awaitOnline() {
      boolean interrupted = false;
      while (true) {
        try {
          online.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onMessage(Object message) {
      awaitOnline();
      post(() -> {
        if (message instanceof Control c) {
          if (c.kind() == Control.Kind.LISTENING) {
            String address = c.host() + ":" + c.port();
            w.listened();
            w.emit("listening", address);
            emit("listening", w, address);
          }
        } else {
          w.emit("message", message);
        }
      });
    }

    @Override
    public void onRefused(String reason) {
      awaitOnline();
      post(() -> w.emit("error",
          new InvalidObjectException(w + " refused a message: " + reason)));
    }

    @Override
    public void onUnreadable(String reason) {
      awaitOnline();
      post(() -> w.emit("error",
          new InvalidObjectException("a message from " + w + " was refused here: " + reason)));
    }

    @Override
    public void onDisconnect() {
      awaitOnline();
      post(() -> {
        w.emit("disconnect");
        emit("disconnect", w);
      });
    }

    @Override
    public void onExit(int status) {
      awaitOnline();
      synchronized (lock) {
        links.remove(link);
      }
      boolean signalled = status > 128 && status < 160;
      Integer code = signalled ? null : status;
      String signal = signalled ? signalName(status - 128) : null;
      post(() -> ended(w, code, signal));
    }
  }

  /** On the loop: {@code w} ended; emits {@code exit} and replaces it if it crashed. */
  private void ended(ClusterWorker w, Integer code, String signal) {
    workers.remove(w.id());
    w.exited();
    Slot slot = slots.remove(w);
    w.emit("exit", code, signal);
    emit("exit", w, code, signal);
    if (slot != null && !w.exitedAfterDisconnect() && !isClosed() && !slot.trial) {
      if (slot == rolling) {
        crashedWhileRolling = w; // its replacement, if it comes up, takes its place
      } else {
        supervise(w, slot);
      }
    }
  }

  /**
   * On the loop: schedules the replacement of the crashed {@code w} after its back-off, or gives
   * the slot up (logged, and emitted as {@code error}) once it crashed too often.
   */
  private void supervise(ClusterWorker w, Slot slot) {
    RestartPolicy policy = settings.restart();
    if (policy.maxRestarts() == 0) {
      return;
    }
    long now = System.nanoTime();
    long window = policy.window().toNanos();
    if (now - slot.startedNanos > window) {
      slot.run = 0; // it lived long: a new crash run
    }
    while (!slot.restarts.isEmpty() && now - slot.restarts.peekFirst() > window) {
      slot.restarts.pollFirst();
    }
    if (slot.restarts.size() >= policy.maxRestarts()) {
      String message = w + " crashed, after " + slot.restarts.size() + " restarts of its slot"
          + " within " + policy.window() + ": not restarted again (RestartPolicy.maxRestarts "
          + policy.maxRestarts() + ")";
      LOG.log(System.Logger.Level.WARNING, message);
      emit("error", new IllegalStateException(message));
      return;
    }
    slot.run++;
    slot.restarts.addLast(now);
    Timeout[] timer = new Timeout[1];
    timer[0] = loop.setTimeout(() -> {
      restartTimers.remove(timer[0]);
      pendingRestarts.decrementAndGet();
      if (!isClosed()) {
        fork(slot);
      }
    }, policy.backoff(slot.run).toMillis());
    restartTimers.add(timer[0]);
    pendingRestarts.incrementAndGet();
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * What a worker's replacement needs: the environment it was forked with, and its slot's recent
   * restarts. Loop only.
   */
  private static final class Slot {
    final Map<String, String> env;
    /** When each restart of the current window was scheduled ({@code nanoTime}). */
    final ArrayDeque<Long> restarts = new ArrayDeque<>();
    /** Crashes in a row, for the back-off. */
    int run;
    long startedNanos;
    /**
     * A rolling restart's replacement not ready yet: if it exits, the roll fails and keeps the
     * worker it was to replace, so nothing is restarted.
     */
    boolean trial;

    Slot(Map<String, String> env) {
      this.env = env;
    }
  }

  private static String signalName(int n) {
    return switch (n) {
      case 1 -> "SIGHUP";
      case 2 -> "SIGINT";
      case 6 -> "SIGABRT";
      case 9 -> "SIGKILL";
      case 15 -> "SIGTERM";
      default -> "SIG" + n;
    };
  }

  /**
   * Replaces every worker, one at a time, with no moment when the port has no listener: for
   * each, forks a replacement (same environment), waits until it listens (as many servers as the
   * worker it replaces; or until it is online, for a worker that does not listen), then
   * {@linkplain ClusterWorker#disconnect disconnects} the old worker, which answers what it has
   * accepted and what the kernel queued for it (see {@link WorkerProcess#serve}), and waits for
   * its exit before the next. Node's cluster has no such call; this is what pm2's {@code reload}
   * does for a Node cluster (fork the new worker, wait for {@code listening}, disconnect the old
   * one). Workers forked meanwhile are not replaced; one that exits meanwhile is skipped.
   *
   * <p>No request is lost but in one window the kernel keeps: a client whose handshake completes
   * on the old worker's socket in the microseconds between its last accept and its close is reset
   * by Linux, unless {@code net.ipv4.tcp_migrate_req} is 1 (Linux 5.14 on), which moves such
   * clients to another listener of the port. (Node's cluster, whose primary owns the one listening
   * socket by default, has no such window; its workers do not close listeners of their own.)
   *
   * <p>A replacement that cannot start, exits, or is not ready within the settings' {@linkplain
   * ClusterSettings#rollStepTimeout() step timeout} stops the roll: it is killed and reaped, the
   * old worker keeps serving (the cluster never has fewer workers for it), and the promise is
   * rejected. An old worker that does not exit within the step timeout of its disconnect is
   * killed. A crash of the old worker while its replacement starts is not restarted by the
   * {@link RestartPolicy} if the replacement comes up (which takes its place), and is otherwise.
   * The replacements are ordinary workers: the cluster emits their {@code fork}, {@code online},
   * {@code listening}, and the old workers' {@code disconnect} and {@code exit}, as usual.
   *
   * <p>Loop only; the promise settles on the loop.
   *
   * @return a promise of the replacements, in the order of the workers they replaced; rejected
   *     with an {@link IllegalStateException} naming the step that failed, if the cluster is
   *     closed, or if a rolling restart is already under way
   * @throws IllegalStateException off the loop
   */
  public Promise<List<ClusterWorker>> rollingRestart() {
    checkLoop();
    return Promise.create(loop, (resolve, reject) -> {
      if (isClosed()) {
        throw new IllegalStateException("the cluster is closed: no rolling restart");
      }
      if (roll != null) {
        throw new IllegalStateException("a rolling restart is already under way");
      }
      roll = new RollingRestart(this, loop, List.copyOf(workers.values()),
          settings.rollStepTimeout(), replacements -> {
            roll = null;
            resolve.accept(replacements);
          }, failure -> {
            roll = null;
            reject.accept(failure);
          });
      roll.next();
    });
  }

  /**
   * On the loop, for a rolling restart: forks the replacement of {@code old}, with its
   * environment, on trial until {@link #replaced}.
   *
   * @throws IllegalStateException if the cluster is closed
   */
  ClusterWorker forkReplacement(ClusterWorker old) {
    Slot slot = slots.get(old);
    assert slot != null && rolling == null;
    Slot fresh = new Slot(slot.env);
    fresh.trial = true;
    ClusterWorker replacement = fork(fresh);
    rolling = slot;
    return replacement;
  }

  /** On the loop: a rolling restart's replacement is ready; it is a worker like any other. */
  void replaced(ClusterWorker replacement) {
    Slot slot = slots.get(replacement);
    if (slot != null) {
      slot.trial = false;
    }
    rolling = null;
    crashedWhileRolling = null;
  }

  /**
   * On the loop: a rolling restart's replacement failed; the worker it was to replace is
   * supervised again, and restarted now if it crashed meanwhile.
   */
  void replacementFailed() {
    Slot slot = rolling;
    ClusterWorker crashed = crashedWhileRolling;
    rolling = null;
    crashedWhileRolling = null;
    if (crashed != null && !isClosed()) {
      supervise(crashed, slot);
    }
  }

  /**
   * The workers not yet exited, by id (Node's {@code cluster.workers}). Loop only.
   *
   * @return a snapshot, in the order they were forked
   */
  public Map<Integer, ClusterWorker> workers() {
    checkLoop();
    return Map.copyOf(workers);
  }

  /**
   * Disconnects every worker, waits up to the disconnect grace for each to exit, kills those
   * still running, and returns once all are reaped; then no worker process is left. Further
   * forks are refused. Idempotent; any thread.
   */
  @Override
  public void close() {
    closeWorkers();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from within the JVM's shutdown: the hook is running or has run.
    }
  }

  private void closeWorkers() {
    if (loop.inLoop()) {
      clearRestarts();
    } else if (pendingRestarts.get() > 0) {
      // A pending restart's timer keeps the loop alive, so the loop is running to clear it.
      try {
        loop.execute(this::clearRestarts);
      } catch (RejectedExecutionException loopClosed) {
        // Its timers went with it.
      }
    }
    List<Thread> starting;
    synchronized (lock) {
      closed = true;
      starting = List.copyOf(starters);
    }
    for (Thread t : starting) {
      Uninterruptibles.joinUninterruptibly(t); // bounded by the start timeout
    }
    List<ChildLink> all;
    synchronized (lock) {
      all = List.copyOf(links.keySet());
      for (ClusterWorker w : links.values()) {
        w.closedByPrimary();
      }
    }
    for (ChildLink l : all) {
      if (l.isConnected()) {
        try {
          l.send(Control.disconnect());
        } catch (IllegalStateException gone) {
          // It disconnected meanwhile; it is reaped below all the same.
        }
      }
    }
    long deadline = System.nanoTime() + settings.disconnectGrace().toNanos();
    for (ChildLink l : all) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!awaitQuietly(l, left)) {
        LOG.log(System.Logger.Level.WARNING, l + " did not exit within "
            + settings.disconnectGrace() + " of the cluster's close: killed");
        l.kill();
        if (!awaitQuietly(l, Duration.ofSeconds(10))) {
          LOG.log(System.Logger.Level.ERROR, l + " was not reaped 10 s after SIGKILL");
        }
      }
    }
  }

  /** On the loop: cancels the replacements waiting for their back-off (the cluster closed). */
  private void clearRestarts() {
    for (Timeout t : restartTimers) {
      loop.clearTimeout(t);
    }
    restartTimers.clear();
    pendingRestarts.set(0);
  }

  private static boolean awaitQuietly(ChildLink l, Duration timeout) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return l.awaitExit(timeout);
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

  private void checkLoop() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("a Cluster is used on its loop only, not on "
          + Thread.currentThread());
    }
  }
}
