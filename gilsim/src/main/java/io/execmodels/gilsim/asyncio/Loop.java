package io.execmodels.gilsim.asyncio;

import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.TurnLoop;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An asyncio event loop ({@code BaseEventLoop}) on its own virtual thread, with CPython 3.11's
 * {@code _run_once}: each iteration waits until the earliest timer (or a submission from another
 * thread), moves the due timers ({@code when < now + clock resolution}) to the FIFO ready queue,
 * then runs only the callbacks that were ready when the iteration began; callbacks they queue run
 * in the next iteration. The tasks of the {@code asyncio} model borrow its turn (core's {@link
 * io.execmodels.core.spi.LoopTurns}): a task's step (the code between two awaits) is one ready
 * callback, and resuming a task is a {@code call_soon}.
 *
 * <p><b>Threads.</b> Like asyncio's, the loop is not thread-safe: {@link #callSoon}, {@link
 * #callLater} and {@link #callAt} may be called only by code that holds the loop's turn (a task
 * of the model, a callback), and throw {@link IllegalStateException} elsewhere. From any other
 * thread use {@link #callSoonThreadsafe}, which wakes the loop. {@link #time()} and the getters
 * are safe anywhere.
 *
 * <p><b>Debug mode</b> ({@code asyncio.debug=true}) logs, at {@code WARNING} on the {@code
 * asyncio} logger, every callback or task step that held the loop longer than {@link
 * #slowCallbackDuration()} (asyncio's {@code slow_callback_duration}, 100 ms): {@code Executing
 * <Task ...> took 0.150 seconds}. A callback that throws is logged at {@code ERROR} and the loop
 * goes on, as asyncio's default exception handler does.
 */
public final class Loop {
  private static final System.Logger LOG = System.getLogger("asyncio");
  /** The loop whose thread (or one of whose tasks' threads) this is; inherited by task threads. */
  private static final InheritableThreadLocal<Loop> OF_THREAD = new InheritableThreadLocal<>();
  /** {@code time.get_clock_info('monotonic').resolution} on Linux: one nanosecond. */
  private static final long CLOCK_RESOLUTION_NANOS = 1;
  /** A running body nobody waits on yet: compared by identity, never added to. */
  private static final List<Runnable> NO_WATCHERS = List.of();

  private final Thread thread;
  private final boolean debug;
  private final long slowCallbackNanos;
  private final int executorThreads;
  private final TurnLoop turnLoop = new Turns();
  /** The ready queue; turn holder only. */
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  /** Submissions from other threads, moved to {@link #ready} by the loop in arrival order. */
  private final ConcurrentLinkedQueue<Runnable> external = new ConcurrentLinkedQueue<>();
  /** Timers; turn holder only. */
  private final PriorityQueue<Handle> timers = new PriorityQueue<>(Handle.BY_WHEN);
  private long timerSeq;
  /** How many jobs of the current iteration's batch are left; turn holder only. */
  private int batchLeft;
  /** Who holds the turn (the loop thread or a task's thread). */
  private volatile Thread owner;
  /** The loop thread parks waiting for work: a submission must unpark it. */
  private volatile boolean waiting;
  private volatile boolean stopping;
  private long stepStart;
  private final AtomicLong iterations = new AtomicLong();
  private final AtomicLong callbacks = new AtomicLong();
  /**
   * Task bodies spawned on the loop that have not returned yet, each with what to run when it
   * returns ({@link #NO_WATCHERS} until something asks); guarded by itself. An identity map: one
   * entry per task spawned, so it must cost no node per entry (a {@code HashMap}'s nodes and
   * tables were a sixth of what gathering 100,000 tasks allocated).
   */
  private final Map<Object, List<Runnable>> runningBodies = new IdentityHashMap<>();
  private final Object executorLock = new Object();
  private ExecutorService defaultExecutor;
  /** The default executor's threads, joined at close: a terminated pool's threads may still run. */
  private final Set<Thread> executorThreadsMade = ConcurrentHashMap.newKeySet();
  private boolean executorShut;

  /** @param threads makes the loop's virtual thread, on the carrier its tasks share */
  Loop(boolean debug, Duration slowCallback, int executorThreads, ThreadFactory threads) {
    this.debug = debug;
    this.slowCallbackNanos = slowCallback.toNanos();
    this.executorThreads = executorThreads;
    this.thread = threads.newThread(this::run);
    thread.setName("asyncio-loop");
    this.owner = thread;
  }

  /**
   * The loop the calling code runs on: asyncio's {@code get_running_loop()}.
   *
   * @return the calling code's loop
   * @throws IllegalStateException {@code no running event loop}, off the loop (another thread,
   *     a {@code to_thread} worker)
   */
  public static Loop running() {
    Loop loop = OF_THREAD.get();
    if (loop == null || !loop.inLoop()) {
      throw new IllegalStateException("no running event loop");
    }
    return loop;
  }

  /** The loop the calling code runs on, or {@code null} off any asyncio loop. */
  static Loop current() {
    Loop loop = OF_THREAD.get();
    return loop != null && loop.inLoop() ? loop : null;
  }

  /**
   * Whether the calling code holds this loop's turn. Any thread.
   *
   * @return whether the caller holds the turn
   */
  public boolean inLoop() {
    return Thread.currentThread() == owner;
  }

  private void checkInLoop(String what) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("Non-thread-safe operation invoked on an event loop other"
          + " than the current one: " + what + " from " + Thread.currentThread()
          + "; use callSoonThreadsafe");
    }
  }

  /**
   * The loop's clock, {@code loop.time()}: monotonic seconds. Any thread.
   *
   * @return the loop's time, in seconds
   */
  public double time() {
    return System.nanoTime() / 1e9;
  }

  /**
   * Whether the loop runs in debug mode.
   *
   * @return whether debug mode is on
   */
  public boolean isDebug() {
    return debug;
  }

  /**
   * How long a callback may hold the loop before debug mode reports it (default 100 ms).
   *
   * @return the slow-callback threshold
   */
  public Duration slowCallbackDuration() {
    return Duration.ofNanos(slowCallbackNanos);
  }

  /**
   * {@code call_soon}: runs {@code callback} in a later iteration, after those queued before.
   *
   * @param callback what to run on the loop
   * @return a handle that cancels it
   */
  public Handle callSoon(Runnable callback) {
    checkInLoop("callSoon");
    Handle h = new Handle(callback, 0, false);
    ready.add(h);
    return h;
  }

  /**
   * {@code call_soon_threadsafe}: {@link #callSoon} from any thread; wakes the loop.
   *
   * @param callback what to run on the loop
   * @return a handle that cancels it
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    Handle h = new Handle(callback, 0, false);
    submitFromOutside(h);
    return h;
  }

  /**
   * {@code call_later}: runs {@code callback} once {@code delay} has passed. A negative delay is
   * allowed and means now, as in asyncio. Loop only.
   *
   * @param delay how long from now; negative means now
   * @param callback what to run on the loop
   * @return a handle that cancels it
   */
  public Handle callLater(Duration delay, Runnable callback) {
    Objects.requireNonNull(delay, "delay");
    checkInLoop("callLater");
    return arm(System.nanoTime() + delay.toNanos(), callback);
  }

  /**
   * {@code call_at}: runs {@code callback} once {@link #time()} reaches {@code when}. Loop only.
   *
   * @param when the loop time to run it at, in seconds
   * @param callback what to run on the loop
   * @return a handle that cancels it
   */
  public Handle callAt(double when, Runnable callback) {
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException("call_at: when is NaN");
    }
    checkInLoop("callAt");
    return arm((long) (when * 1e9), callback);
  }

  private Handle arm(long whenNanos, Runnable callback) {
    Handle h = new Handle(callback, whenNanos, true);
    h.seq = timerSeq++;
    timers.add(h);
    return h;
  }

  /** A timer for core's scheduler; any thread. */
  Handle schedule(long whenNanos, Runnable action) {
    Handle h = new Handle(action, whenNanos, true);
    if (inLoop()) {
      h.seq = timerSeq++;
      timers.add(h);
    } else {
      submitFromOutside(() -> {
        h.seq = timerSeq++;
        timers.add(h);
      });
    }
    return h;
  }

  /**
   * The loop's default executor ({@code run_in_executor(None, ...)}, {@code to_thread}): a thread
   * pool of {@code min(32, cpus + 4)} threads named {@code asyncio_N}, created on first use, shut
   * down with the model. Any thread.
   *
   * @return the default executor
   * @throws IllegalStateException once the loop is closed
   */
  public ExecutorService defaultExecutor() {
    synchronized (executorLock) {
      if (executorShut) {
        throw new IllegalStateException("Executor shutdown has been called");
      }
      if (defaultExecutor == null) {
        AtomicLong n = new AtomicLong();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(executorThreads, executorThreads, 60,
            TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
              Thread t = new Thread(r, "asyncio_" + n.getAndIncrement());
              t.setDaemon(true);
              // Idle threads time out and are replaced: forget the ended ones as new ones come.
              executorThreadsMade.removeIf(old -> !old.isAlive());
              executorThreadsMade.add(t);
              return t;
            });
        pool.allowCoreThreadTimeOut(true);
        defaultExecutor = pool;
      }
      return defaultExecutor;
    }
  }

  /** A task body is spawned on the loop. Any thread. */
  void bodyStarted(Object body) {
    synchronized (runningBodies) {
      runningBodies.put(body, NO_WATCHERS);
    }
  }

  private void bodyEnded(Object body) {
    List<Runnable> watchers;
    synchronized (runningBodies) {
      watchers = runningBodies.remove(body);
    }
    if (watchers != null) {
      for (Runnable r : watchers) {
        r.run();
      }
    }
  }

  /**
   * Runs {@code action} when the body of {@code task}, a task of this loop, returns: when the task
   * is done in asyncio's sense (a cancelled core task is done at once as a future, but its body
   * still runs to its next await). Returns false, doing nothing, if the body is not running on
   * this loop (it has returned, or it is not this loop's).
   */
  boolean whenEnded(Object task, Runnable action) {
    synchronized (runningBodies) {
      List<Runnable> watchers = runningBodies.get(task);
      if (watchers == null) {
        return false;
      }
      if (watchers == NO_WATCHERS) {
        watchers = new ArrayList<>(1);
        runningBodies.put(task, watchers);
      }
      watchers.add(action);
      return true;
    }
  }

  /** Whether the body of {@code task} runs on this loop and has not returned. */
  boolean bodyRunning(Object task) {
    synchronized (runningBodies) {
      return runningBodies.containsKey(task);
    }
  }

  Thread thread() {
    return thread;
  }

  TurnLoop turnLoop() {
    return turnLoop;
  }

  void start() {
    thread.start();
  }

  /** Ends the loop after its current iteration. Any thread. */
  void stop() {
    stopping = true;
    LockSupport.unpark(thread);
  }

  /**
   * Stops the default executor and waits for it and the loop thread until {@code deadlineNanos};
   * whether both ended.
   */
  boolean awaitClosed(long deadlineNanos) throws InterruptedException {
    boolean ended = thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
    ExecutorService pool;
    synchronized (executorLock) {
      executorShut = true;
      pool = defaultExecutor;
    }
    if (pool != null) {
      pool.shutdown();
      ended &= pool.awaitTermination(Math.max(1, deadlineNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS);
      for (Thread t : executorThreadsMade) {
        ended &= t.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
      }
    }
    return ended;
  }

  Map<String, Long> stats() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("loop.iterations", iterations.get());
    m.put("loop.callbacks", callbacks.get());
    return m;
  }

  private void submitFromOutside(Runnable job) {
    external.add(job);
    if (waiting) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    OF_THREAD.set(this);
    try {
      while (!stopping) {
        runOnce();
      }
    } catch (Throwable e) {
      // Only a bug of ours reaches here: say so rather than let the loop thread die silently.
      LOG.log(Level.ERROR, "asyncio: the event loop failed", e);
      throw e;
    } finally {
      owner = null;
    }
  }

  /**
   * One iteration: asyncio's {@code BaseEventLoop._run_once}. Only the loop thread waits; a task
   * that holds the turn at the end of a batch may begin the next iteration itself when it needs
   * no wait ({@link #beginIterationWithoutWaiting}).
   */
  private void runOnce() {
    long timeout = prologue();
    if (timeout != 0) {
      waitForWork(timeout);
      drainExternal();
    }
    beginBatch();
    Runnable job;
    while ((job = nextJob()) != null) {
      if (job instanceof Handle h) {
        runHandle(h);
      } else {
        // A task's start or resume: lends the turn to the task until it comes back.
        job.run();
      }
    }
  }

  /**
   * The start of an iteration, up to its wait: takes in the submissions from other threads and
   * drops cancelled timers at the head of the heap; returns how long the iteration should wait
   * (0: not at all, -1: until woken).
   */
  private long prologue() {
    drainExternal();
    while (!timers.isEmpty() && timers.peek().cancelled()) {
      timers.poll();
    }
    if (!ready.isEmpty() || stopping) {
      return 0;
    }
    if (!timers.isEmpty()) {
      return Math.max(0, timers.peek().whenNanos - System.nanoTime());
    }
    return -1;
  }

  /** After the wait: moves the due timers to the ready queue and fixes the iteration's batch. */
  private void beginBatch() {
    long end = System.nanoTime() + CLOCK_RESOLUTION_NANOS;
    while (!timers.isEmpty()) {
      Handle h = timers.peek();
      if (h.whenNanos - end >= 0) {
        break;
      }
      timers.poll();
      if (!h.cancelled()) {
        ready.add(h);
      }
    }
    iterations.lazySet(iterations.get() + 1);
    batchLeft = ready.size();
  }

  /**
   * At the end of a batch, on a task's thread: begins the next iteration if it would not wait
   * (work is ready or a timer is due), exactly as the loop thread would, so that a task resumed
   * by it needs no trip through the loop thread. Returns whether it did.
   */
  private boolean beginIterationWithoutWaiting() {
    if (stopping || Thread.currentThread() == thread || prologue() != 0) {
      return false;
    }
    beginBatch();
    return batchLeft > 0;
  }

  private void waitForWork(long timeoutNanos) {
    waiting = true;
    try {
      if (!external.isEmpty() || stopping) {
        return;
      }
      if (timeoutNanos < 0) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, timeoutNanos);
      }
    } finally {
      waiting = false;
    }
  }

  private void drainExternal() {
    Runnable r;
    while ((r = external.poll()) != null) {
      ready.add(r);
    }
  }

  private Runnable nextJob() {
    if (batchLeft == 0 && !beginIterationWithoutWaiting()) {
      return null;
    }
    batchLeft--;
    return ready.poll();
  }

  private void runHandle(Handle h) {
    if (h.cancelled()) {
      return;
    }
    callbacks.lazySet(callbacks.get() + 1);
    long t0 = debug ? System.nanoTime() : 0;
    try {
      h.run();
    } catch (Throwable e) {
      // A callback must not end the loop: asyncio's default exception handler logs and goes on.
      LOG.log(Level.ERROR, "Exception in callback " + h, e);
    }
    if (debug) {
      reportSlow(h.toString(), System.nanoTime() - t0);
    }
  }

  private void reportSlow(String what, long tookNanos) {
    if (tookNanos >= slowCallbackNanos) {
      LOG.log(Level.WARNING, String.format("Executing %s took %.3f seconds", what,
          tookNanos / 1e9));
    }
  }

  /** The loop's side of {@link io.execmodels.core.spi.LoopTurns}: the batch is the iteration's. */
  private final class Turns implements TurnLoop {
    @Override
    public void submit(Runnable job) {
      if (Thread.currentThread() == owner) {
        ready.add(job);
      } else {
        submitFromOutside(job);
      }
    }

    @Override
    public Runnable nextJob() {
      return Loop.this.nextJob();
    }

    @Override
    public void runJob(Runnable job) {
      if (job instanceof Handle h) {
        runHandle(h);
      } else {
        job.run();
      }
    }

    @Override
    public void stepStarted(Fiber fiber) {
      if (debug) {
        stepStart = System.nanoTime();
      }
    }

    @Override
    public void stepEnded(Fiber fiber) {
      if (debug) {
        reportSlow("<Task pending name='" + fiber + "'>", System.nanoTime() - stepStart);
      }
    }

    @Override
    public void taskEnded(Fiber fiber) {
      bodyEnded(fiber.body().task());
    }

    @Override
    public void setOwner(Thread thread) {
      owner = thread;
    }
  }
}
