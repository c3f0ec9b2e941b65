package io.execmodels.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * One Node.js event loop: one thread runs every callback, to completion, in libuv's phase order.
 *
 * <p>{@link #run} turns the calling thread into the loop thread. It runs the main callback, then
 * turns until nothing keeps the loop alive (no ref'd timer, immediate, I/O handle, queued work or
 * {@link KeepAlive}). Each turn runs, in order:
 *
 * <ol>
 *   <li><b>timers</b>: every timer due at the turn's start, as Node takes them: core's timers
 *       and Node's per-duration lists ordered by (first) deadline, then arming order; a list,
 *       once taken, runs all its timers due by then before any other list or timer;
 *   <li><b>pending</b>: callbacks deferred to the next turn ({@link #deferToPending});
 *   <li><b>poll</b>: ready channels of the NIO {@link Selector}, then tasks {@linkplain #execute
 *       submitted from other threads}. It blocks until the nearest timer only when no immediate,
 *       pending or close callback waits (libuv's {@code uv_backend_timeout}); it does not enter
 *       the selector at all when no channel is registered and it need not wait;
 *   <li><b>check</b>: the immediates queued before the phase began (later ones wait a turn);
 *   <li><b>close</b>: close callbacks of handles closed during the turn.
 * </ol>
 *
 * <p>After every callback — main, timer, I/O, submitted task, immediate, close — the {@code
 * nextTick} queue drains, then the microtask queue ({@link #queueMicrotask}, promise reactions),
 * again and again until both are empty; then rejections still unhandled are dealt with. This is
 * Node's {@code processTicksAndRejections}. A chain of ticks or microtasks starves everything
 * else, as in Node.
 *
 * <p><b>Threads.</b> Every method except {@link #execute}, {@link #keepAlive}, {@link #stop},
 * {@link #inLoop}, {@link #options}, {@link #stats} and {@link #close} (and {@link #run}, which
 * makes the calling thread the loop) must be called on the loop: from one of its callbacks, or
 * from a task of the {@code eventloop} model while it holds the loop's turn. Elsewhere they throw
 * {@link IllegalStateException}. {@link #execute} is lock-free (a JCTools MPSC queue) and wakes
 * the selector only when the loop sleeps in it, once per sleep.
 *
 * <p><b>Failures.</b> A callback that throws ends {@link #run} with an {@link
 * EventLoopException} caused by it, before anything else runs, unless {@link
 * LoopOptions#onUncaughtException} is set; likewise a rejected {@link Promise} nobody handled by
 * the end of the microtask drain, unless {@link LoopOptions#onUnhandledRejection} is set.
 * Whatever was queued stays queued for a later {@link #run}.
 */
public final class EventLoop implements Executor, AutoCloseable {
  private static final VarHandle PROGRESS;
  private static final VarHandle AWAKE;
  /** Tasks from other threads run per poll phase at most, so timers and immediates get a turn. */
  private static final int EXTERNAL_BATCH = 4096;
  private static final long MAX_DELAY_MS = Integer.MAX_VALUE;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      PROGRESS = l.findVarHandle(EventLoop.class, "progress", long.class);
      AWAKE = l.findVarHandle(EventLoop.class, "awake", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final LoopOptions options;
  private final LoopProcess process = new LoopProcess(this);
  private final LoopHooks hooks = new Hooks();
  private final Selector selector;
  private final MpscUnboundedAtomicArrayQueue<Runnable> external =
      new MpscUnboundedAtomicArrayQueue<>(1024);
  private final AtomicInteger keepAlives = new AtomicInteger();
  private final ArrayDeque<Runnable> ticks = new ArrayDeque<>();
  private final ArrayDeque<Runnable> microtasks = new ArrayDeque<>();
  private final List<Promise<?>> rejections = new ArrayList<>();
  /** Promises reported unhandled that have got a handler since: Node's 'rejectionHandled'. */
  private final List<Promise<?>> handledLate = new ArrayList<>();
  private ArrayDeque<Immediate> immediates = new ArrayDeque<>();
  private ArrayDeque<Immediate> checkPhase = new ArrayDeque<>();
  private ArrayDeque<Runnable> pending = new ArrayDeque<>();
  private ArrayDeque<Runnable> pendingPhase = new ArrayDeque<>();
  private ArrayDeque<Runnable> closing = new ArrayDeque<>();
  private ArrayDeque<Runnable> closingPhase = new ArrayDeque<>();
  /**
   * Classes a callback may need for the first time at the file-descriptor limit, loaded with the
   * loop: a class loaded from a directory needs a descriptor to open its file, and a server at its
   * limit must still arm the timer that resumes its accepting.
   */
  @SuppressWarnings("unused")
  private static final Class<?>[] LOADED_WITH_THE_LOOP = {
      Timeout.class, TimerList.class, TimerHeap.class, Immediate.class};

  private final TimerHeap timers = new TimerHeap();
  /** Node timers by duration, each list in the heap while not empty. */
  private final HashMap<Long, TimerList> lists = new HashMap<>();
  /** The lists of durations under a second, by milliseconds: no boxing on the common path. */
  private final TimerList[] shortLists = new TimerList[1000];
  private long nextTimerSeq;
  private int armedTimers;
  private final Consumer<SelectionKey> ioAction = this::ready;
  private final Object runLock = new Object();

  /** Ref'd live handles: timers, immediates, channels, queued work. Loop thread only. */
  private int refs;
  /** The thread that holds the loop's turn, or null when the loop is not running. */
  private volatile Thread owner;
  /** The loops inside {@link #run}, for {@link #current()}: few, so a scan is cheap. */
  private static final java.util.Set<EventLoop> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile Thread loopThread;
  /** False while the loop sleeps in the selector: a submitter then wakes it (once). */
  @SuppressWarnings("unused")
  private volatile boolean awake = true;
  private volatile boolean stopRequested;
  private volatile boolean closed;
  private boolean running;
  /** Whether the checkpoint drains ticks (else microtasks). Turn holder only. */
  private boolean tickPhase = true;
  private Throwable fatal;
  /** Callbacks started so far; read by the blocked-loop detector (opaque access). */
  @SuppressWarnings("unused")
  private long progress;
  private long iterations;
  private ThreadPoolExecutor workers;
  private final BlockedLoopDetector detector;

  /** A loop with {@link LoopOptions#defaults()}. */
  public EventLoop() {
    this(LoopOptions.defaults());
  }

  /**
   * A loop set up by {@code options}. It opens its selector now and starts threads only when
   * needed: the blocked-loop detector while it {@linkplain #run runs}, workers at the first work.
   *
   * @param options how the loop is set up; not null
   * @throws UncheckedIOException if the selector cannot be opened
   */
  public EventLoop(LoopOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.detector = new BlockedLoopDetector(this, options.blockedThreshold());
  }

  /**
   * How it was set up.
   *
   * @return the options it was built with
   */
  public LoopOptions options() {
    return options;
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /**
   * Runs {@code main} on the calling thread, which becomes the loop thread, then turns until
   * nothing keeps the loop alive, {@link #stop} is called, or a failure ends it. When it runs out
   * of work it emits {@link #process()}'s {@code beforeExit} (whose listeners may add more) and,
   * at the end, its {@code exit} (see {@link LoopProcess}).
   *
   * @param main the first callback, run on the calling thread before the first turn; not null
   * @throws EventLoopException caused by an uncaught exception or an unhandled rejection
   * @throws IllegalStateException if the loop already runs, or is closed
   */
  public void run(Runnable main) {
    Objects.requireNonNull(main, "main");
    synchronized (runLock) {
      if (closed) {
        throw new IllegalStateException("the event loop is closed");
      }
      if (running) {
        throw new IllegalStateException("the event loop already runs on " + loopThread);
      }
      running = true;
    }
    Thread self = Thread.currentThread();
    loopThread = self;
    owner = self;
    detector.start();
    RUNNING.add(this);
    try {
      try {
        runCallback(main);
        // Node's main loop: run until out of work, emit 'beforeExit', go on if that added work.
        while (true) {
          while (fatal == null && !stopRequested && alive()) {
            turn();
          }
          if (fatal != null || stopRequested) {
            break;
          }
          runCallback(() -> process.emit(LoopProcess.BEFORE_EXIT, process.exitCode()));
          if (fatal != null || !alive()) {
            break;
          }
        }
        if (!stopRequested) {
          if (fatal != null) {
            process.setExitCode(1);
          }
          runCallback(() -> process.emit(LoopProcess.EXIT, process.exitCode()));
        }
      } catch (ExitSignal exited) {
        // process.exit(): its 'exit' listeners have run; nothing else does.
      }
      releaseClosedChannels();
      if (fatal != null) {
        Throwable f = fatal;
        fatal = null;
        throw new EventLoopException("the event loop ended on an uncaught failure: " + f, f);
      }
    } finally {
      RUNNING.remove(this);
      stopRequested = false;
      owner = null;
      detector.stop();
      synchronized (runLock) {
        running = false;
        loopThread = null;
        runLock.notifyAll();
      }
    }
  }

  /**
   * Makes {@link #run} return at the end of the current turn (libuv's {@code uv_stop}), or at
   * once if the loop sleeps. Any thread.
   */
  public void stop() {
    stopRequested = true;
    selector.wakeup();
  }

  /**
   * Lets the selector drop the channels closed since it last polled: NIO closes a registered
   * channel's socket only then, so a server closed after this turn's poll would otherwise stay
   * bound, its port taking connections nobody accepts, until {@link #close()}. Readiness is not
   * consumed (the selector is level-triggered) and no handler runs.
   */
  private void releaseClosedChannels() {
    if (selector.keys().isEmpty()) {
      return;
    }
    try {
      selector.selectNow(key -> { });
    } catch (IOException e) {
      throw new UncheckedIOException("the selector failed", e);
    }
  }

  private boolean alive() {
    return refs > 0 || keepAlives.get() > 0 || !external.isEmpty() || !pending.isEmpty()
        || !closing.isEmpty();
  }

  private void turn() {
    iterations++;
    runTimers();
    runPending();
    poll();
    runCheck();
    runClosing();
  }

  private void runTimers() {
    if (timers.size() == 0) {
      return;
    }
    long now = System.nanoTime();
    TimerNode t;
    while (fatal == null && (t = timers.peek()) != null && t.deadline - now <= 0) {
      t.expire(this, now);
    }
  }

  /** Whether a callback's failure is ending the loop, so no more callbacks may run. */
  private boolean failedFatally() {
    return fatal != null;
  }

  private void runPending() {
    if (pending.isEmpty()) {
      return;
    }
    ArrayDeque<Runnable> run = pending;
    pending = pendingPhase;
    pendingPhase = run;
    drainPhase(run, pending);
  }

  private void runClosing() {
    if (closing.isEmpty()) {
      return;
    }
    ArrayDeque<Runnable> run = closing;
    closing = closingPhase;
    closingPhase = run;
    drainPhase(run, closing);
  }

  /** Runs a phase's snapshot; on a fatal failure, puts what it did not run back in front. */
  private void drainPhase(ArrayDeque<Runnable> run, ArrayDeque<Runnable> next) {
    Runnable r;
    while (fatal == null && (r = run.poll()) != null) {
      runCallback(r);
    }
    while ((r = run.pollLast()) != null) {
      next.addFirst(r);
    }
  }

  private void poll() {
    long timeout = pollTimeoutNanos();
    boolean io = !selector.keys().isEmpty();
    try {
      if (timeout == 0 || !external.isEmpty()) {
        if (io) {
          selector.selectNow(ioAction);
        }
      } else {
        AWAKE.setVolatile(this, false);
        if (external.isEmpty() && !stopRequested) {
          if (timeout < 0) {
            selector.select(ioAction);
          } else {
            // libuv's poll timeout is in whole milliseconds, rounded up: never early.
            selector.select(ioAction, Math.max(1, (timeout + 999_999) / 1_000_000));
          }
        } else if (io) {
          selector.selectNow(ioAction);
        }
        AWAKE.setVolatile(this, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the selector failed", e);
    }
    Runnable r;
    for (int n = 0; n < EXTERNAL_BATCH && fatal == null && (r = external.poll()) != null; n++) {
      runCallback(r);
    }
  }

  /** libuv's {@code uv_backend_timeout}: 0 (do not block), -1 (no timer) or nanoseconds. */
  private long pollTimeoutNanos() {
    if (stopRequested || !immediates.isEmpty() || !pending.isEmpty() || !closing.isEmpty()
        || !alive()) {
      return 0;
    }
    TimerNode next = timers.peek();
    if (next == null) {
      return -1;
    }
    return Math.max(0, next.deadline - System.nanoTime());
  }

  private void runCheck() {
    if (immediates.isEmpty()) {
      return;
    }
    ArrayDeque<Immediate> run = immediates;
    immediates = checkPhase;
    checkPhase = run;
    Immediate im;
    while (fatal == null && (im = run.poll()) != null) {
      if (im.pending) {
        im.pending = false;
        if (im.ref) {
          refs--;
        }
        runCallback(im.callback);
      }
    }
    while ((im = run.pollLast()) != null) {
      immediates.addFirst(im);
    }
  }

  private void ready(SelectionKey key) {
    IoHandle h = (IoHandle) key.attachment();
    if (!key.isValid() || fatal != null) {
      return;
    }
    PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
    try {
      h.handler.ready(h, key.readyOps());
    } catch (Throwable e) {
      uncaught(e);
    }
    drainMicrotasks();
  }

  /** Runs one macrotask callback, then the microtask checkpoint. Loop thread. */
  private void runCallback(Runnable r) {
    invoke(r);
    if (!ticks.isEmpty() || !microtasks.isEmpty() || rejectionsPending()) {
      drainMicrotasks();
    }
  }

  private void invoke(Runnable r) {
    PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
    try {
      r.run();
    } catch (ExitSignal exited) {
      throw exited; // process.exit(): unwinds to run(), past every phase
    } catch (Throwable e) {
      uncaught(e);
    }
  }

  /**
   * Node's {@code process} for this loop: its {@code beforeExit} and {@code exit} events.
   *
   * @return the loop's {@code process} object, the same one every call
   */
  public LoopProcess process() {
    return process;
  }

  /** {@link LoopProcess#exit(int)}. Loop thread. */
  private void exit(int code) {
    if (Thread.currentThread() != loopThread) {
      throw new IllegalStateException("process.exit() called off the loop thread ("
          + Thread.currentThread() + ")");
    }
    process.setExitCode(code);
    try {
      process.emit(LoopProcess.EXIT, code);
    } catch (RuntimeException e) {
      uncaught(e);
    }
    throw new ExitSignal();
  }

  /** Unwinds the running callback and the loop's phases after {@code process.exit()}. */
  private static final class ExitSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExitSignal() {
      super("process.exit()", null, false, false);
    }
  }

  private void drainMicrotasks() {
    Runnable r;
    while ((r = nextMicrotask()) != null) {
      invoke(r);
    }
  }

  /**
   * The next job of the microtask checkpoint, or null once it is over: Node's {@code
   * processTicksAndRejections}, one job at a time — every tick, then every microtask (ticks
   * queued meanwhile wait), again until both are empty; then the rejections nobody handled. One
   * job at a time so that a task of the model that gives up the turn can go on with the
   * checkpoint itself. Turn holder only.
   */
  private Runnable nextMicrotask() {
    while (fatal == null) {
      if (tickPhase) {
        Runnable r = ticks.poll();
        if (r != null) {
          return r;
        }
        tickPhase = false;
      }
      Runnable r = microtasks.poll();
      if (r != null) {
        return r;
      }
      tickPhase = true;
      if (!ticks.isEmpty()) {
        continue;
      }
      if (!rejectionsPending()) {
        return null;
      }
      processRejections();
    }
    return null;
  }

  /** Runs one job of the checkpoint as the loop runs it: counted, its failure uncaught. */
  private void invokeMicrotask(Runnable r) {
    invoke(r);
  }

  private boolean rejectionsPending() {
    return !rejections.isEmpty() || !handledLate.isEmpty();
  }

  /** Node's {@code processPromiseRejections}: first the late handlings, then the unhandled. */
  private void processRejections() {
    List<Promise<?>> late = new ArrayList<>(handledLate);
    handledLate.clear();
    Consumer<Promise<?>> onHandled = options.onRejectionHandled();
    for (Promise<?> p : late) {
      if (onHandled != null && fatal == null) {
        invoke(() -> onHandled.accept(p));
      }
    }
    List<Promise<?>> now = new ArrayList<>(rejections);
    rejections.clear();
    for (Promise<?> p : now) {
      if (fatal != null) {
        break;
      }
      if (!p.isHandled()) {
        Consumer<Throwable> handler = options.onUnhandledRejection();
        if (handler == null) {
          uncaught(p.reason());
        } else {
          p.reportedUnhandled();
          invoke(() -> handler.accept(p.reason()));
        }
      }
    }
  }

  /** A promise reported unhandled has got a handler: reported after this microtask drain. */
  private void handledLate(Promise<?> p) {
    handledLate.add(p);
  }

  /**
   * Runs {@code r} now, within the current callback; what it throws goes the uncaught way (an
   * event listener's failure in Node), so the code that called it carries on. Loop only.
   */
  private void runGuarded(Runnable r) {
    try {
      r.run();
    } catch (Throwable e) {
      uncaught(e);
    }
  }

  private void uncaught(Throwable e) {
    Consumer<Throwable> handler = options.onUncaughtException();
    if (handler != null) {
      try {
        handler.accept(e);
        return;
      } catch (Throwable again) {
        e = again;
      }
    }
    if (fatal == null) {
      fatal = e;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Timers, immediates, ticks, microtasks

  /**
   * Node's {@code setTimeout}: runs {@code callback} once, no sooner than {@code delayMs} after
   * now, in a timers phase. A delay below 1 or above 2<sup>31</sup>-1 is 1 ms, as in Node. Timers
   * due at the same instant run in the order they were armed. Loop only.
   *
   * @param callback what to run; not null
   * @param delayMs how long to wait at least, in milliseconds; out of [1, 2<sup>31</sup>-1] it is 1
   * @return the timer, to {@linkplain Timeout#close() clear}, {@linkplain Timeout#unref() unref} or
   *     {@linkplain Timeout#refresh() refresh}
   */
  public Timeout setTimeout(Runnable callback, long delayMs) {
    return arm(callback, delayMs, false);
  }

  /**
   * Node's {@code setInterval}: runs {@code callback} every {@code periodMs} (same bounds as
   * {@link #setTimeout}), measured from the start of the previous call; one that overran fires
   * once, late, with no catch-up burst. Loop only.
   *
   * @param callback what to run each time; not null
   * @param periodMs the period, in milliseconds; out of [1, 2<sup>31</sup>-1] it is 1
   * @return the timer, to {@linkplain Timeout#close() clear} or {@linkplain Timeout#unref() unref}
   */
  public Timeout setInterval(Runnable callback, long periodMs) {
    return arm(callback, periodMs, true);
  }

  private Timeout arm(Runnable callback, long delayMs, boolean repeat) {
    Objects.requireNonNull(callback, "callback");
    checkInLoop();
    long ms = delayMs < 1 || delayMs > MAX_DELAY_MS ? 1 : delayMs;
    Timeout t = new Timeout(this, callback, ms * 1_000_000L, repeat);
    // From the arming moment, not the turn's cached clock: after a long synchronous stretch a
    // timer still waits its full delay (Node refreshes its clock on insertion).
    t.arm(System.nanoTime());
    return t;
  }

  /**
   * Node's {@code clearTimeout}: {@link Timeout#close()}; {@code null} is ignored. Loop only.
   *
   * @param timeout the timer to cancel; null or an already cleared or fired one does nothing
   */
  public void clearTimeout(Timeout timeout) {
    checkInLoop();
    if (timeout != null) {
      timeout.close();
    }
  }

  /**
   * Node's {@code clearInterval}: {@link Timeout#close()}; {@code null} is ignored. Loop only.
   *
   * @param interval the timer to cancel; null or an already cleared one does nothing
   */
  public void clearInterval(Timeout interval) {
    clearTimeout(interval);
  }

  /**
   * Node's {@code setImmediate}: runs {@code callback} in the check phase of this turn if the
   * loop has not reached it yet, else of the next. Loop only.
   *
   * @param callback what to run; not null
   * @return the immediate, to {@linkplain Immediate#close() clear} or {@linkplain Immediate#unref()
   *     unref}
   */
  public Immediate setImmediate(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkInLoop();
    Immediate im = new Immediate(this, callback);
    immediates.add(im);
    refs++;
    return im;
  }

  /**
   * Node's {@code clearImmediate}: {@link Immediate#close()}; {@code null} is ignored.
   *
   * @param immediate the immediate to cancel; null or one that already ran does nothing
   */
  public void clearImmediate(Immediate immediate) {
    checkInLoop();
    if (immediate != null) {
      immediate.close();
    }
  }

  /**
   * Node's {@code process.nextTick}: runs {@code callback} as soon as the current callback
   * returns, before any promise reaction. Loop only.
   *
   * @param callback what to run; not null
   */
  public void nextTick(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkInLoop();
    ticks.add(callback);
  }

  /**
   * Node's {@code queueMicrotask}: runs {@code callback} in the microtask queue, with promise
   * reactions, after the {@code nextTick} queue. A failure it throws is an uncaught exception.
   * Loop only.
   *
   * @param callback what to run; not null
   */
  public void queueMicrotask(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkInLoop();
    microtasks.add(callback);
  }

  // ---------------------------------------------------------------------------------------------
  // Other threads, I/O, work

  /**
   * Runs {@code task} on the loop, as a macrotask of a later poll phase (libuv's {@code
   * uv_async_send}), in submission order per submitting thread. Any thread; lock-free. A task
   * queued while the loop is not running runs when it next runs, and keeps it alive meanwhile.
   *
   * @throws RejectedExecutionException if the loop is closed
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (closed) {
      throw new RejectedExecutionException("the event loop is closed");
    }
    external.offer(task);
    if (!(boolean) AWAKE.getVolatile(this) && AWAKE.compareAndSet(this, false, true)) {
      selector.wakeup();
    }
  }

  /**
   * Runs {@code task} on the loop as soon as possible: as a microtask if called on the loop,
   * else as {@link #execute}. For the model's resumes and spawns.
   */
  private void submit(Runnable task) {
    if (Thread.currentThread() == owner) {
      microtasks.add(task);
    } else {
      execute(task);
    }
  }

  /**
   * A handle that keeps the loop alive until closed. Any thread.
   *
   * @return a handle whose {@link KeepAlive#close()} lets the loop end again
   */
  public KeepAlive keepAlive() {
    keepAlives.incrementAndGet();
    return new KeepAlive(this);
  }

  private void releaseKeepAlive() {
    keepAlives.decrementAndGet();
    selector.wakeup();
  }

  /**
   * Registers {@code channel} on the loop's selector for {@code ops} ({@link SelectionKey} bits);
   * {@code handler} runs in the poll phase whenever it is ready. The channel is put in
   * non-blocking mode. The handle keeps the loop alive until closed or unref'd. This is the
   * hook non-blocking TCP is built on. Loop only.
   *
   * @param channel the channel to watch; put in non-blocking mode; not null
   * @param ops the {@link SelectionKey} operations to watch ({@code OP_READ}, ...); 0 for none yet
   * @param handler called on the loop with the ready operations; not null
   * @return the handle, to change the operations, unref or close the registration
   * @throws IllegalArgumentException if {@code ops} is not valid for the channel
   * @throws UncheckedIOException if the channel cannot be registered (it is closed, say)
   */
  public IoHandle register(SelectableChannel channel, int ops, IoHandler handler) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(handler, "handler");
    checkInLoop();
    IoHandle h = new IoHandle(this, channel, handler);
    try {
      channel.configureBlocking(false);
      h.key = channel.register(selector, ops, h);
    } catch (ClosedChannelException e) {
      throw new UncheckedIOException("cannot register a closed channel: " + channel, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot register " + channel, e);
    }
    refs++;
    return h;
  }

  /**
   * Runs {@code callback} in the next turn's pending phase: libuv's deferred I/O callbacks, for
   * errors a handler reports outside the callback that found them. Loop only.
   *
   * @param callback what to run; not null
   */
  public void deferToPending(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkInLoop();
    pending.add(callback);
  }

  private void onClose(Runnable callback) {
    closing.add(callback);
  }

  /**
   * Runs {@code work} on the worker pool (libuv's {@code uv_queue_work}: {@link
   * LoopOptions#threadpoolSize} threads, one FIFO queue) and settles the returned promise with its
   * outcome, on the loop. Until then the work keeps the loop alive. Loop only.
   *
   * @param <T> the type of the work's result
   * @param work what the worker thread runs; not null
   * @return a promise of the work's result, or rejected with what it threw
   */
  public <T> Promise<T> queueWork(Callable<? extends T> work) {
    Objects.requireNonNull(work, "work");
    checkInLoop();
    Promise<T> p = new Promise<>(this);
    refs++;
    workers().execute(() -> {
      T value = null;
      Throwable failure = null;
      try {
        value = work.call();
      } catch (Throwable e) {
        failure = e;
      }
      T v = value;
      Throwable f = failure;
      execute(() -> {
        refs--;
        if (f == null) {
          p.fulfil(v);
        } else {
          p.rejectWith(f);
        }
      });
    });
    return p;
  }

  /** The worker pool, started at its first use. */
  private synchronized Executor workers() {
    if (closed) {
      throw new RejectedExecutionException("the event loop is closed");
    }
    if (workers == null) {
      AtomicInteger n = new AtomicInteger();
      workers = new ThreadPoolExecutor(options.threadpoolSize(), options.threadpoolSize(), 0,
          TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "execmodels-eventloop-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
    }
    return workers;
  }

  // ---------------------------------------------------------------------------------------------
  // State, for handles, promises and the model

  /**
   * The loop whose turn the calling code holds: the loop's own callbacks, and the tasks of the
   * {@code eventloop} model, which borrow it ({@code process.nextTick}, {@code setImmediate} and
   * the timers are then theirs to call, as in Node's async functions). {@code null} anywhere else.
   *
   * @return the loop whose turn the calling code holds, or null
   */
  public static EventLoop current() {
    Thread self = Thread.currentThread();
    for (EventLoop loop : RUNNING) {
      if (loop.owner == self) {
        return loop;
      }
    }
    return null;
  }

  /**
   * Whether the calling code holds the loop's turn (runs on the loop). Any thread.
   *
   * @return true on the loop thread or in a task holding the loop's turn
   */
  public boolean inLoop() {
    return Thread.currentThread() == owner;
  }

  private void checkInLoop() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("called on " + Thread.currentThread() + ", off the event"
          + " loop (" + (owner == null ? "not running" : "its turn is held by " + owner)
          + "); from another thread, hand work to the loop with execute()");
    }
  }

  /** Hands the turn to {@code thread}: it may now call the loop-only methods. */
  private void setOwner(Thread thread) {
    owner = thread;
  }

  private Thread owner() {
    return owner;
  }

  private long progress() {
    return (long) PROGRESS.getOpaque(this);
  }

  private void countProgress() {
    PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
  }

  /** Whether the loop sleeps in its selector (idle, not blocked). */
  private boolean sleeping() {
    return !(boolean) AWAKE.getVolatile(this);
  }

  /** Arms one of core's timers (its deadline set). */
  private void addTimer(TimerNode t, boolean ref) {
    t.seq = nextTimerSeq++;
    timers.add(t);
    armedTimers++;
    if (ref) {
      refs++;
    }
  }

  private void removeTimer(TimerNode t, boolean ref) {
    if (timers.remove(t)) {
      armedTimers--;
      if (ref) {
        refs--;
      }
    }
  }

  /** Arms a Node timer (its deadline set) at the end of its duration's list. */
  private void addTimeout(Timeout t, long duration, boolean ref) {
    t.seq = nextTimerSeq++;
    long ms = duration / 1_000_000;
    boolean small = ms < shortLists.length;
    TimerList list = small ? shortLists[(int) ms] : lists.get(duration);
    if (list == null) {
      list = new TimerList(duration, timers);
      if (small) {
        shortLists[(int) ms] = list;
      } else {
        lists.put(duration, list);
      }
    }
    list.append(t);
    armedTimers++;
    if (ref) {
      refs++;
    }
  }

  /** Disarms a Node timer that is armed. */
  private void removeTimeout(Timeout t, boolean ref) {
    timeoutExpired(t);
    if (ref) {
      refs--;
    }
  }

  /** Takes an armed Node timer off its list (the list leaves the map once empty). */
  private void timeoutExpired(Timeout t) {
    TimerList list = t.list;
    list.unlink(t);
    if (list.isEmpty()) {
      long ms = list.duration / 1_000_000;
      if (ms < shortLists.length) {
        shortLists[(int) ms] = null;
      } else {
        lists.remove(list.duration);
      }
    }
    armedTimers--;
  }

  private void refHandle() {
    refs++;
  }

  private void unrefHandle() {
    refs--;
  }

  private void enqueueReaction(Runnable job) {
    microtasks.add(job);
  }

  private void trackRejection(Promise<?> p) {
    rejections.add(p);
  }

  /**
   * The loop's figures, by name: {@code loop.turns}, {@code loop.callbacks}, {@code
   * timers.pending}, {@code external.queued}, {@code workers.active}, {@code workers.queued},
   * {@code loop.blocked} (callbacks or turns that held the loop past the threshold) and {@code
   * loop.lagMillis} (how long they held it, in total). Any thread; a racy snapshot.
   *
   * @return a new map of the figures, in the order listed above
   */
  public Map<String, Long> stats() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("loop.turns", iterations);
    m.put("loop.callbacks", progress());
    m.put("timers.pending", (long) armedTimers);
    m.put("external.queued", (long) external.size());
    ThreadPoolExecutor w;
    synchronized (this) {
      w = workers;
    }
    m.put("workers.active", w == null ? 0L : w.getActiveCount());
    m.put("workers.queued", w == null ? 0L : w.getQueue().size());
    m.put("loop.blocked", detector.blockedCount());
    m.put("loop.lagMillis", detector.blockedNanos() / 1_000_000);
    return m;
  }

  /**
   * Closes the loop: refuses new submissions, waits for the worker pool's calls to finish, and
   * closes the selector and the channels still registered on it.
   *
   * @throws IllegalStateException if the loop is running ({@link #stop} it first), or if tasks
   *     submitted with {@link #execute} were left unrun (they are dropped, and counted in the
   *     message)
   */
  @Override
  public void close() {
    if (!closeWithin(Duration.ofMinutes(1))) {
      throw new IllegalStateException("the worker pool did not finish within a minute");
    }
  }

  /** {@link #close()}, waiting at most {@code grace} for the workers; whether they all ended. */
  private boolean closeWithin(Duration grace) {
    synchronized (runLock) {
      if (running) {
        throw new IllegalStateException("the event loop is running; stop() it and let run()"
            + " return before closing it");
      }
      if (closed) {
        return true;
      }
      closed = true;
    }
    boolean ended = true;
    ThreadPoolExecutor w;
    synchronized (this) {
      w = workers;
    }
    if (w != null) {
      w.shutdown();
      try {
        ended = w.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ended = false;
      }
    }
    for (SelectionKey k : selector.keys()) {
      try {
        k.channel().close();
      } catch (IOException ignored) {
        // Closing anyway; the selector's close below releases what is left.
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the selector", e);
    }
    int dropped = external.size();
    if (dropped > 0) {
      external.clear();
      throw new IllegalStateException(dropped + " task(s) submitted with execute() never ran:"
          + " the loop was closed without running them");
    }
    return ended;
  }

  /** Waits up to {@code grace} for {@link #run} to return; whether it has. */
  private boolean awaitStopped(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (runLock) {
      while (running) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(runLock, left);
      }
    }
    return true;
  }

  /** This loop's package-private side, for the other classes of the package. */
  LoopHooks hooks() {
    return hooks;
  }

  /** {@link LoopHooks}, forwarding to the loop's private methods. */
  private final class Hooks implements LoopHooks {
    @Override
    public void checkInLoop() {
      EventLoop.this.checkInLoop();
    }

    @Override
    public Thread owner() {
      return EventLoop.this.owner();
    }

    @Override
    public void setOwner(Thread thread) {
      EventLoop.this.setOwner(thread);
    }

    @Override
    public void submit(Runnable task) {
      EventLoop.this.submit(task);
    }

    @Override
    public Runnable nextMicrotask() {
      return EventLoop.this.nextMicrotask();
    }

    @Override
    public void invokeMicrotask(Runnable r) {
      EventLoop.this.invokeMicrotask(r);
    }

    @Override
    public void countProgress() {
      EventLoop.this.countProgress();
    }

    @Override
    public long progress() {
      return EventLoop.this.progress();
    }

    @Override
    public boolean sleeping() {
      return EventLoop.this.sleeping();
    }

    @Override
    public void runCallback(Runnable r) {
      EventLoop.this.runCallback(r);
    }

    @Override
    public void runGuarded(Runnable r) {
      EventLoop.this.runGuarded(r);
    }

    @Override
    public boolean failedFatally() {
      return EventLoop.this.failedFatally();
    }

    @Override
    public void refHandle() {
      EventLoop.this.refHandle();
    }

    @Override
    public void unrefHandle() {
      EventLoop.this.unrefHandle();
    }

    @Override
    public void releaseKeepAlive() {
      EventLoop.this.releaseKeepAlive();
    }

    @Override
    public void onClose(Runnable callback) {
      EventLoop.this.onClose(callback);
    }

    @Override
    public void addTimer(TimerNode t, boolean ref) {
      EventLoop.this.addTimer(t, ref);
    }

    @Override
    public void removeTimer(TimerNode t, boolean ref) {
      EventLoop.this.removeTimer(t, ref);
    }

    @Override
    public void addTimeout(Timeout t, long duration, boolean ref) {
      EventLoop.this.addTimeout(t, duration, ref);
    }

    @Override
    public void removeTimeout(Timeout t, boolean ref) {
      EventLoop.this.removeTimeout(t, ref);
    }

    @Override
    public void timeoutExpired(Timeout t) {
      EventLoop.this.timeoutExpired(t);
    }

    @Override
    public void enqueueReaction(Runnable job) {
      EventLoop.this.enqueueReaction(job);
    }

    @Override
    public void trackRejection(Promise<?> p) {
      EventLoop.this.trackRejection(p);
    }

    @Override
    public void handledLate(Promise<?> p) {
      EventLoop.this.handledLate(p);
    }

    @Override
    public Executor workers() {
      return EventLoop.this.workers();
    }

    @Override
    public boolean awaitStopped(Duration grace) throws InterruptedException {
      return EventLoop.this.awaitStopped(grace);
    }

    @Override
    public boolean closeWithin(Duration grace) {
      return EventLoop.this.closeWithin(grace);
    }

    @Override
    public void exit(int code) {
      EventLoop.this.exit(code);
    }
  }
}
