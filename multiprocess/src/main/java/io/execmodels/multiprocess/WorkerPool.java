package io.execmodels.multiprocess;

import io.execmodels.core.Job;
import io.execmodels.multiprocess.internal.ChildMain;
import io.execmodels.multiprocess.internal.Failures;
import io.execmodels.multiprocess.internal.FrameException;
import io.execmodels.multiprocess.internal.Frames;
import io.execmodels.multiprocess.internal.Payloads;
import io.execmodels.multiprocess.internal.Values;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool of child JVMs that run {@link Job}s: Python's {@code ProcessPoolExecutor} and {@code
 * multiprocessing.Pool} in one. Jobs and their results cross the process boundary by Java
 * serialization, behind an allow-list ({@link PoolOptions#allow}).
 *
 * <p><b>Threads.</b> All methods are thread-safe. {@link #submit} and the map family do not wait
 * for a worker: tasks queue in the parent and go to the least busy worker, up to {@link
 * PoolOptions#prefetch} at a time each. Futures complete on the pool's reader threads (one per
 * worker), so a callback attached to one should be short: a callback that blocks stalls that
 * worker's results.
 *
 * <p><b>Failures.</b> A task that throws fails its future with that exception (or a {@link
 * RemoteTaskException} describing it, if it cannot cross). A worker that dies while it holds tasks
 * fails them with {@link BrokenWorkerException}, then follows {@link PoolOptions#onWorkerDeath}. A
 * frame over {@link PoolOptions#maxFrameBytes}, a corrupt frame or a payload whose class is off the
 * allow-list, on either side, ends that child: its tasks fail with a {@link BrokenWorkerException}
 * naming the cause, a new worker replaces it, and the pool goes on.
 *
 * <p><b>Shutdown.</b> {@link #close()} stops taking tasks, lets the queued ones finish, then stops
 * the children and waits for them, their threads and their files to be gone. {@link #shutdownNow()}
 * cancels every task and kills the children. Every child is reaped. A child whose parent dies
 * exits on its own: at once when idle (its socket ends), within about 50 ms while a task runs (a
 * watchdog sees its parent process id change).
 */
public final class WorkerPool implements AutoCloseable {

  private enum State { RUNNING, SHUTDOWN, BROKEN, STOPPED }

  private static final System.Logger LOG = System.getLogger("io.execmodels");
  private static final ByteBuffer SHUTDOWN_FRAME = Frames.frame(Frames.SHUTDOWN, new byte[0]);
  /** How long a child that should exit (EOF seen, SHUTDOWN sent) gets before it is killed. */
  private static final long EXIT_GRACE_MILLIS = 10_000;
  /** A task shorter than this is short: a worker doing such tasks gets more of them at once. */
  private static final long SHORT_TASK_NANOS = 1_000_000;
  private static final int SHORT_TASK_DEPTH = 64;

  private final PoolOptions options;
  private final Payloads payloads;
  private final Launcher launcher;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ended = lock.newCondition();
  // Everything below is guarded by lock.
  private final ArrayDeque<PendingTask> queue = new ArrayDeque<>();
  /** Workers that are READY and not yet ended: the ones tasks may go to (unless stopping). */
  private final List<Worker> serving = new ArrayList<>();
  /** Every worker started and not yet fully released (process reaped, threads ended). */
  private final Set<Worker> alive = new HashSet<>();
  /** Replacement starts in progress. */
  private int launching;
  /** The pool's reader and launcher threads not yet joined. */
  private final List<Thread> threads = new ArrayList<>();
  private State state = State.RUNNING;
  private BrokenWorkerException broken;
  private long nextTaskId;
  private int nextWorkerId = 1;

  private WorkerPool(PoolOptions options, String childMain) {
    this.options = options;
    this.payloads = new Payloads(String.join(";", options.allowed()), options.maxDecodeDepth(),
        options.maxDecodeRefs());
    this.launcher = new Launcher(options, payloads, childMain);
  }

  /**
   * Starts a pool and waits until all its workers are ready (their initializer has run). Blocks
   * for the JVMs' start-up.
   *
   * @param options how to start and run the children
   * @return the pool, every worker ready
   * @throws BrokenWorkerException if a worker could not be started or its initializer failed;
   *     nothing is left running then
   */
  public static WorkerPool start(PoolOptions options) {
    return start(options, ChildMain.class.getName());
  }

  /**
   * {@link #start(PoolOptions)} with children running {@code childMain} instead of {@link
   * ChildMain}: for tests that play a misbehaving child against the pool's side of the protocol.
   */
  static WorkerPool start(PoolOptions options, String childMain) {
    WorkerPool pool = new WorkerPool(Objects.requireNonNull(options, "options"), childMain);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < options.workers(); i++) {
      ids.add(pool.nextWorkerId++);
    }
    List<Worker> workers = pool.launcher.launch(ids);
    pool.lock.lock();
    try {
      for (Worker w : workers) {
        pool.admit(w);
      }
    } finally {
      pool.lock.unlock();
    }
    return pool;
  }

  /**
   * The options the pool was started with.
   *
   * @return the options it was started with
   */
  public PoolOptions options() {
    return options;
  }

  /**
   * The command line a child is started with, up to its main class.
   *
   * @return a copy of its words, from the {@code java} executable to the main class
   */
  public List<String> childCommand() {
    return launcher.command();
  }

  /**
   * The process ids of the children serving now.
   *
   * @return a new list of the serving children's process ids; empty if none serves
   */
  public List<Long> pids() {
    lock.lock();
    try {
      return serving.stream().map(w -> w.pid).toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a worker death broke the pool ({@link WorkerDeathPolicy#BREAK_POOL}).
   *
   * @return true once a worker death broke the pool
   */
  public boolean isBroken() {
    lock.lock();
    try {
      return state == State.BROKEN;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code job} to run in a child. Not blocking. The future completes with the job's result,
   * or fails with what it threw, with {@link BrokenWorkerException} if its worker died, or with
   * {@link CancellationException} if cancelled while queued or by {@link #shutdownNow}.
   *
   * @param <T> the type of the job's result
   * @param job the job; not null, and serializable with the pool's allow-list
   * @return a future of the job's result
   * @throws IllegalArgumentException if the job does not serialize, or is over the frame limit
   * @throws RejectedExecutionException after shutdown
   * @throws BrokenWorkerException if the pool is broken
   */
  public <T> CompletableFuture<T> submit(Job<T> job) {
    Objects.requireNonNull(job, "job");
    byte[] bytes = encode(job, "job");
    List<byte[][]> payload = new ArrayList<>();
    payload.add(new byte[][] {bytes});
    List<PendingTask> one = enqueue(payload, Frames.TASK);
    @SuppressWarnings("unchecked")
    CompletableFuture<T> f = (CompletableFuture<T>) (CompletableFuture<?>) one.get(0);
    return f;
  }

  /**
   * Applies {@code fn} to every item in children and returns the results in item order, like
   * {@code Pool.map}: items are sent in chunks of {@code chunksize}, all at once, and this waits
   * for every result.
   *
   * @param <T> the type of the items
   * @param <R> the type of the results
   * @param fn the function run on each item in a child; serializable
   * @param items the inputs, iterated once, now
   * @param chunksize how many items go to a child in one task; at least 1
   * @return the results, in item order; empty for no item
   * @throws CompletionException caused by the first failure in item order
   * @throws IllegalArgumentException if {@code chunksize < 1}, or fn or an item do not serialize
   */
  public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items, int chunksize) {
    List<R> out = new ArrayList<>();
    imap(fn, items, chunksize).forEachRemaining(out::add);
    return out;
  }

  /**
   * {@link #map(SerializableFunction, Iterable, int)}, waiting at most {@code timeout}, counted from
   * this call, like {@code Executor.map(timeout=)}.
   *
   * @param <T> the type of the items
   * @param <R> the type of the results
   * @param fn the function run on each item in a child; serializable
   * @param items the inputs, iterated once, now
   * @param chunksize how many items go to a child in one task; at least 1
   * @param timeout how long to wait for every result, from this call
   * @return the results, in item order; empty for no item
   * @throws TimeoutException if the results did not all come in time (the tasks are not cancelled)
   * @throws InterruptedException if interrupted while waiting (the tasks are not cancelled)
   */
  public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items, int chunksize, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<R> out = new ArrayList<>();
    ResultIterator<R> it = imap(fn, items, chunksize);
    while (it.hasNext()) {
      out.add(it.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
    }
    return out;
  }

  /**
   * Sends every item now, in chunks of {@code chunksize}, and returns the results lazily in item
   * order ({@code Pool.imap}).
   *
   * @param <T> the type of the items
   * @param <R> the type of the results
   * @param fn the function run on each item in a child; serializable
   * @param items the inputs, iterated once, now
   * @param chunksize how many items go to a child in one task; at least 1
   * @return an iterator of the results, in item order
   */
  public <T, R> ResultIterator<R> imap(SerializableFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items, int chunksize) {
    return new Ordered<>(chunks(fn, items, chunksize));
  }

  /**
   * Sends every item now, in chunks of {@code chunksize}, and returns the results as they complete
   * ({@code Pool.imap_unordered}); a chunk's results come together, in their order.
   *
   * @param <T> the type of the items
   * @param <R> the type of the results
   * @param fn the function run on each item in a child; serializable
   * @param items the inputs, iterated once, now
   * @param chunksize how many items go to a child in one task; at least 1
   * @return an iterator of the results, in completion order
   */
  public <T, R> ResultIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items, int chunksize) {
    return new Unordered<>(chunks(fn, items, chunksize));
  }

  private List<PendingTask> chunks(SerializableFunction<?, ?> fn, Iterable<?> items,
      int chunksize) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(items, "items");
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
    }
    byte[] fnBytes = encode(fn, "function");
    byte[] fnLength = ByteBuffer.allocate(4).putInt(fnBytes.length).array();
    List<byte[][]> frames = new ArrayList<>();
    List<Object> chunk = new ArrayList<>(chunksize);
    for (Object item : items) {
      chunk.add(item);
      if (chunk.size() == chunksize) {
        frames.add(new byte[][] {fnLength, fnBytes, encodeItems(chunk.toArray())});
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      frames.add(new byte[][] {fnLength, fnBytes, encodeItems(chunk.toArray())});
    }
    return enqueue(frames, Frames.CHUNK);
  }

  private byte[] encodeItems(Object[] items) {
    byte[] bytes;
    try {
      bytes = Values.encode(items);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("an item does not serialize: " + e, e);
    }
    if (bytes.length + 13 > options.maxFrameBytes()) {
      throw new IllegalArgumentException("a chunk of items serializes to " + bytes.length
          + " bytes, over the frame limit of " + options.maxFrameBytes() + " (maxFrameBytes)");
    }
    return bytes;
  }

  private byte[] encode(Object value, String what) {
    byte[] bytes;
    try {
      bytes = Payloads.encode(value);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the " + what + " does not serialize: " + e, e);
    }
    if (bytes.length + 13 > options.maxFrameBytes()) {
      throw new IllegalArgumentException("the " + what + " serializes to " + bytes.length
          + " bytes, over the frame limit of " + options.maxFrameBytes() + " (maxFrameBytes)");
    }
    return bytes;
  }

  private List<PendingTask> enqueue(List<byte[][]> payloadParts, byte kind) {
    List<PendingTask> tasks = new ArrayList<>(payloadParts.size());
    List<Worker> toFlush;
    lock.lock();
    try {
      checkAccepting();
      for (byte[][] parts : payloadParts) {
        long id = nextTaskId++;
        PendingTask t = new PendingTask(this, id, Frames.taskFrame(kind, id, parts));
        tasks.add(t);
        queue.add(t);
      }
      toFlush = dispatch();
    } finally {
      lock.unlock();
    }
    flush(toFlush);
    return tasks;
  }

  private void checkAccepting() {
    switch (state) {
      case RUNNING -> { }
      case BROKEN -> throw new BrokenWorkerException("the pool is broken: " + broken.getMessage(),
          broken);
      default -> throw new RejectedExecutionException(
          "cannot schedule new tasks after shutdown");
    }
  }

  /**
   * Gives queued tasks to the least busy workers with room, queueing their frames; the caller
   * flushes the returned workers outside the lock. Lock held.
   */
  private List<Worker> dispatch() {
    List<Worker> touched = new ArrayList<>();
    while (!queue.isEmpty()) {
      Worker best = null;
      for (Worker w : serving) {
        int depth = depth(w);
        // Top a worker up only once it is down to half: frames then go out in runs, one write.
        boolean room = w.held.size() < depth
            && (w.held.size() <= depth / 2 || touched.contains(w));
        if (!w.stopping && room && (best == null || w.held.size() < best.held.size())) {
          best = w;
        }
      }
      if (best == null) {
        break;
      }
      PendingTask t = queue.poll();
      best.held.put(t.id, t);
      best.given++;
      best.queue(t.frame);
      if (!touched.contains(best)) {
        touched.add(best);
      }
      if (options.maxTasksPerChild() > 0 && best.given >= options.maxTasksPerChild()) {
        // Retire it after this task, and start its successor now, so as not to wait for it.
        stop(best);
        replace(1);
      }
    }
    if (state == State.SHUTDOWN && queue.isEmpty()) {
      for (Worker w : serving) {
        if (!w.stopping && w.held.isEmpty()) {
          stop(w);
          if (!touched.contains(w)) {
            touched.add(w);
          }
        }
      }
    }
    return touched;
  }

  /**
   * How many tasks {@code w} may hold: {@link PoolOptions#prefetch}, or {@link #SHORT_TASK_DEPTH}
   * while its tasks take less than {@link #SHORT_TASK_NANOS} each, so that a stream of short
   * tasks is not held back by the round trip, while long ones stay balanced. Lock held.
   */
  private int depth(Worker w) {
    return w.serviceNanos >= 0 && w.serviceNanos < SHORT_TASK_NANOS
        ? Math.max(SHORT_TASK_DEPTH, options.prefetch()) : options.prefetch();
  }

  /** Queues SHUTDOWN to {@code w}, after whatever it was given. Lock held. */
  private void stop(Worker w) {
    w.stopping = true;
    w.queue(SHUTDOWN_FRAME.duplicate());
  }

  /** {@link Worker#flushLater} for each: for the reader threads, which must never block writing. */
  private static void flushLater(List<Worker> workers) {
    for (Worker w : workers) {
      w.flushLater();
    }
  }

  private static void flush(List<Worker> workers) {
    for (Worker w : workers) {
      w.flush();
    }
  }

  /** Removes {@code t} from the queue if it is still there. */
  boolean cancelQueued(PendingTask t) {
    lock.lock();
    try {
      return queue.remove(t);
    } finally {
      lock.unlock();
    }
  }

  /** Takes a READY worker into service and starts its reader. Lock held. */
  private void admit(Worker w) {
    alive.add(w);
    serving.add(w);
    w.startWriter();
    Thread reader = new Thread(() -> read(w), "execmodels-worker-" + w.id + "-reader");
    reader.setDaemon(true);
    w.reader = reader;
    threads.add(reader);
    reader.start();
  }

  /** A worker's reader thread: answers until the child's socket ends, then buries the worker. */
  private void read(Worker w) {
    String problem = null;
    Throwable cause = null;
    try {
      for (byte[] body; (body = Frames.read(w.in, options.maxFrameBytes())) != null; ) {
        switch (body[0]) {
          case Frames.RESULT -> answerResult(w, body);
          case Frames.FAILURE -> answerFailure(w, body);
          case Frames.PROTOCOL_ERROR -> problem = "it rejected a frame: "
              + new String(body, 1, body.length - 1, StandardCharsets.UTF_8);
          default -> throw new FrameException("unknown frame kind " + body[0]);
        }
      }
    } catch (FrameException e) {
      problem = "the pool rejected a frame from it: " + e.getMessage();
      cause = e;
      w.kill();
    } catch (IOException e) {
      // The socket broke: the child is gone or being killed; its exit status tells more.
      cause = e;
    } catch (Throwable e) {
      // Decoding catches what hostile bytes can raise; anything else (an Error in a completion
      // callback, a bug) must still bury the worker below, or its tasks and close() wait forever.
      problem = "the pool's reader for it failed: " + e;
      cause = e;
      w.kill();
    }
    int status = w.awaitExit(EXIT_GRACE_MILLIS);
    buried(w, status, problem, cause);
    w.release();
    lock.lock();
    try {
      alive.remove(w);
      ended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A RESULT frame: its task completes with the value, or, if the value is refused (a class off
   * the allow-list, a graph limit, corrupt bytes), fails alone. The frame's boundaries and task
   * id are intact, so the child and its other tasks are not in question.
   */
  private void answerResult(Worker w, byte[] body) throws FrameException {
    long id = Frames.id(body);
    Object value;
    try {
      value = Values.decode(payloads, body, 9, body.length - 9);
    } catch (FrameException refused) {
      answered(w, id, null, refusedAnswer("result", refused));
      return;
    }
    answered(w, id, value, null);
  }

  /** A FAILURE frame: its task fails with the exception, or with why it could not be read. */
  private void answerFailure(Worker w, byte[] body) throws FrameException {
    long id = Frames.id(body);
    Throwable failure;
    try {
      failure = Failures.decode(payloads, body, 9);
    } catch (FrameException refused) {
      failure = refusedAnswer("exception", refused);
    }
    answered(w, id, null, failure);
  }

  private static InvalidObjectException refusedAnswer(String what, FrameException why) {
    InvalidObjectException e = new InvalidObjectException("the task's " + what
        + " was refused by the pool: " + why.getMessage());
    e.initCause(why);
    return e;
  }

  /**
   * Completes task {@code id} of {@code w}.
   *
   * @throws FrameException if {@code w} does not hold that task while the pool runs: only a
   *     shutdownNow or a break takes tasks from a worker, so the child answered a task it was
   *     never given (or answered one twice), and the task it owes an answer may never get one
   */
  private void answered(Worker w, long id, Object value, Throwable failure)
      throws FrameException {
    PendingTask t;
    List<Worker> toFlush;
    boolean owed;
    lock.lock();
    try {
      long now = System.nanoTime();
      if (w.held.size() > 1 && w.lastAnswerNanos != 0) {
        double interval = now - w.lastAnswerNanos;
        w.serviceNanos = w.serviceNanos < 0 ? interval : 0.8 * w.serviceNanos + 0.2 * interval;
      }
      w.lastAnswerNanos = now;
      t = w.held.remove(id);
      owed = t != null || state == State.STOPPED || state == State.BROKEN;
      toFlush = dispatch();
    } finally {
      lock.unlock();
    }
    flushLater(toFlush);
    if (!owed) {
      throw new FrameException("it answered task " + id + ", which it does not hold");
    }
    if (t == null) {
      return; // Cancelled by shutdownNow, or failed with the pool: the outcome has no taker.
    }
    if (failure != null) {
      t.completeExceptionally(failure);
    } else {
      t.complete(value);
    }
  }

  /** A worker's child has ended: decides what its end means for its tasks and the pool. */
  private void buried(Worker w, int status, String problem, Throwable cause) {
    List<PendingTask> lost;
    List<PendingTask> collateral = List.of();
    List<Worker> toFlush = List.of();
    BrokenWorkerException failure = null;
    String warning = null;
    lock.lock();
    try {
      serving.remove(w);
      lost = new ArrayList<>(w.held.values());
      w.held.clear();
      boolean expected = w.stopping && problem == null && lost.isEmpty();
      if (expected && status != 0) {
        warning = w + " exited with " + Worker.describeExit(status)
            + " after it was told to stop; it held no task";
      }
      if (!expected && state != State.STOPPED && state != State.BROKEN) {
        String how = problem != null ? "was ended: " + problem
            : "exited unexpectedly, with " + Worker.describeExit(status);
        failure = new BrokenWorkerException(w + " " + how + ", holding " + lost.size()
            + (lost.size() == 1 ? " task" : " tasks"), cause);
        if (problem != null || options.onWorkerDeath() == WorkerDeathPolicy.REPLACE) {
          replace(1);
        } else {
          collateral = breakPool(failure);
          warning = "process pool broken: " + failure.getMessage();
        }
      } else if (state == State.BROKEN && !lost.isEmpty()) {
        failure = broken;
      }
      toFlush = dispatch();
    } finally {
      lock.unlock();
    }
    flushLater(toFlush);
    if (failure != null) {
      for (PendingTask t : lost) {
        t.completeExceptionally(failure);
      }
      for (PendingTask t : collateral) {
        t.completeExceptionally(failure);
      }
    }
    // Last: a log call can take tens of milliseconds (the first one sets logging up), and the
    // tasks' owners should learn of the failure first, as CPython's BrokenProcessPool arrives.
    if (warning != null) {
      LOG.log(System.Logger.Level.WARNING, warning);
    }
  }

  /**
   * Breaks the pool: no more tasks, the other children killed. Returns every task still queued or
   * held, for the caller to fail outside the lock, and then to log the break. Lock held.
   */
  private List<PendingTask> breakPool(BrokenWorkerException cause) {
    state = State.BROKEN;
    broken = cause;
    List<PendingTask> all = new ArrayList<>(queue);
    queue.clear();
    for (Worker other : serving) {
      all.addAll(other.held.values());
      other.held.clear();
      other.kill();
    }
    ended.signalAll();
    return all;
  }

  /** Starts {@code n} new workers on a launcher thread. Lock held. */
  private void replace(int n) {
    if (state == State.BROKEN || state == State.STOPPED) {
      return;
    }
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(nextWorkerId++);
    }
    Thread t = new Thread(() -> launchReplacements(ids), "execmodels-pool-launcher");
    t.setDaemon(true);
    launching++;
    threads.add(t);
    t.start();
  }

  private void launchReplacements(List<Integer> ids) {
    List<Worker> fresh = List.of();
    BrokenWorkerException failure = null;
    try {
      fresh = launcher.launch(ids);
    } catch (BrokenWorkerException e) {
      failure = e;
    }
    List<PendingTask> toFail = List.of();
    List<Worker> toFlush = List.of();
    List<Worker> unwanted = List.of();
    boolean brokeIt = false;
    lock.lock();
    try {
      boolean wanted = state == State.RUNNING || state == State.SHUTDOWN;
      if (failure != null && wanted) {
        failure = new BrokenWorkerException("could not start a replacement worker: "
            + failure.getMessage(), failure);
        toFail = breakPool(failure);
        brokeIt = true;
      } else if (wanted) {
        for (Worker w : fresh) {
          admit(w);
        }
        toFlush = dispatch();
      } else {
        unwanted = fresh;
      }
    } finally {
      lock.unlock();
    }
    flush(toFlush);
    for (PendingTask t : toFail) {
      t.completeExceptionally(failure);
    }
    if (brokeIt) {
      LOG.log(System.Logger.Level.WARNING, "process pool broken: " + failure.getMessage());
    }
    for (Worker w : unwanted) {
      w.kill();
      w.awaitExit(EXIT_GRACE_MILLIS);
      w.release();
    }
    lock.lock();
    try {
      launching--;
      ended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking tasks, like {@code Executor.shutdown(wait, cancel_futures)}: queued tasks run
   * (or, with {@code cancelFutures}, are cancelled), then the children stop. With {@code wait},
   * blocks until every child has exited and every thread of the pool has ended. Idempotent.
   *
   * @param wait whether to block until every child has exited and every thread has ended
   * @param cancelFutures whether to cancel the queued tasks instead of running them
   */
  public void shutdown(boolean wait, boolean cancelFutures) {
    List<PendingTask> cancelled = List.of();
    List<Worker> toFlush;
    lock.lock();
    try {
      if (state == State.RUNNING) {
        state = State.SHUTDOWN;
      }
      if (cancelFutures) {
        cancelled = new ArrayList<>(queue);
        queue.clear();
      }
      toFlush = dispatch();
    } finally {
      lock.unlock();
    }
    flush(toFlush);
    for (PendingTask t : cancelled) {
      t.forceCancel();
    }
    if (wait) {
      awaitTermination();
    }
  }

  /** {@code shutdown(true, false)}: graceful; blocks until the pool is gone. */
  @Override
  public void close() {
    shutdown(true, false);
  }

  /**
   * Cancels every queued and running task and kills the children (SIGKILL), then waits until they
   * are reaped and the pool's threads have ended.
   */
  public void shutdownNow() {
    List<PendingTask> cancelled = new ArrayList<>();
    lock.lock();
    try {
      if (state != State.BROKEN) {
        state = State.STOPPED;
      }
      cancelled.addAll(queue);
      queue.clear();
      for (Worker w : serving) {
        cancelled.addAll(w.held.values());
        w.held.clear();
        w.kill();
      }
    } finally {
      lock.unlock();
    }
    for (PendingTask t : cancelled) {
      t.forceCancel();
    }
    awaitTermination();
  }

  /** Blocks until every child is reaped and every thread of the pool has ended. */
  private void awaitTermination() {
    boolean interrupted = false;
    while (true) {
      try {
        awaitTermination(Duration.ofNanos(Long.MAX_VALUE));
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits up to {@code timeout} for a shut-down pool to be gone: every child reaped, every thread
   * of the pool ended. Blocking.
   *
   * @param timeout how long to wait at most
   * @return whether it is gone (false, too, if it was never shut down)
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if called on one of the pool's own threads (from a callback on
   *     one of its futures), which would wait for itself; so do {@link #close}, {@code
   *     shutdown(true, ...)} and {@link #shutdownNow} there, after the shutdown itself has taken
   *     effect
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 2);
    List<Thread> toJoin;
    lock.lock();
    try {
      if (threads.contains(Thread.currentThread())) {
        throw new IllegalStateException("cannot wait for the pool to end on one of its own"
            + " threads (a callback of one of its futures): it would wait for itself; call"
            + " shutdown(false, ...) there instead");
      }
      if (state == State.RUNNING) {
        return false;
      }
      while (!alive.isEmpty() || launching > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        ended.awaitNanos(left);
      }
      toJoin = new ArrayList<>(threads);
    } finally {
      lock.unlock();
    }
    // Each thread has done its last work for the pool; a join waits out its termination.
    for (Thread t : toJoin) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !t.join(Duration.ofNanos(left))) {
        return false;
      }
    }
    lock.lock();
    try {
      threads.removeAll(toJoin);
    } finally {
      lock.unlock();
    }
    return true;
  }

  /** Results in item order. */
  private static final class Ordered<R> implements ResultIterator<R> {
    private final List<PendingTask> chunks;
    private int chunk;
    private Object[] current = new Object[0];
    private int index;

    Ordered(List<PendingTask> chunks) {
      this.chunks = chunks;
    }

    @Override
    public boolean hasNext() {
      return index < current.length || chunk < chunks.size();
    }

    @Override
    public R next() {
      return Waits.uninterruptibly(this::next);
    }

    @Override
    public R next(Duration timeout) throws TimeoutException, InterruptedException {
      while (index >= current.length) {
        if (chunk >= chunks.size()) {
          throw new NoSuchElementException();
        }
        current = Waits.get(chunks.get(chunk), timeout);
        chunk++;
        index = 0;
      }
      @SuppressWarnings("unchecked")
      R r = (R) current[index++];
      return r;
    }
  }

  /** Results as their chunks complete. */
  private static final class Unordered<R> implements ResultIterator<R> {
    private final LinkedBlockingQueue<PendingTask> done = new LinkedBlockingQueue<>();
    private int left;
    private Object[] current = new Object[0];
    private int index;

    Unordered(List<PendingTask> chunks) {
      left = chunks.size();
      for (PendingTask t : chunks) {
        t.whenComplete((v, e) -> done.add(t));
      }
    }

    @Override
    public boolean hasNext() {
      return index < current.length || left > 0;
    }

    @Override
    public R next() {
      return Waits.uninterruptibly(this::next);
    }

    @Override
    public R next(Duration timeout) throws TimeoutException, InterruptedException {
      while (index >= current.length) {
        if (left == 0) {
          throw new NoSuchElementException();
        }
        PendingTask t = done.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (t == null) {
          throw new TimeoutException("no result within " + timeout);
        }
        left--;
        current = Waits.get(t, Duration.ZERO);
        index = 0;
      }
      @SuppressWarnings("unchecked")
      R r = (R) current[index++];
      return r;
    }
  }
}
