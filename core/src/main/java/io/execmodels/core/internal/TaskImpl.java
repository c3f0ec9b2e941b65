package io.execmodels.core.internal;

import com.google.common.util.concurrent.AbstractFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.Uninterruptibles;
import io.execmodels.core.Body;
import io.execmodels.core.Task;
import io.execmodels.core.TimeoutCancellationException;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.TaskBody;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task: the future of its body's result, and the body's runner on its fiber.
 *
 * <p>Cancellation has two halves. The future half is Guava's: {@code cancel} completes the future at
 * once. The body half is ours: {@link #afterDone()} raises {@code cancelRequested} and unparks the
 * fiber, and every suspension point reads {@code cancelRequested} before it parks. The body writes
 * {@code fiber} before it first reads {@code cancelRequested}, and the canceller writes {@code
 * cancelRequested} before it reads {@code fiber} (both volatile): so either the canceller finds the
 * fiber to unpark, or the body sees the request without parking.
 */
final class TaskImpl<T> extends AbstractFuture<T> implements Task<T>, TaskBody {

  /**
   * The task whose body the calling thread runs. How core finds its own task without casting what
   * the scheduler hands back ({@link Fiber#body()}) to its own type: the body runs on one thread
   * from start to end, and a thread that carries several bodies carries them one after another.
   */
  private static final ThreadLocal<TaskImpl<?>> RUNNING = new ThreadLocal<>();

  private static final VarHandle WATCHERS;
  private static final VarHandle WAITING_ON;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      WATCHERS = lookup.findVarHandle(TaskImpl.class, "watchers", Object.class);
      WAITING_ON = lookup.findVarHandle(TaskImpl.class, "waitingOn", Wait.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ModelRuntime runtime;
  final RunScope scope;
  /** Spawned with {@code ctx.go}: nobody holds it, so its failure is unhandled at once. */
  final boolean detached;
  /** Creation order within the model, from 1. */
  final long id;
  private final String givenName;
  private Body<T> body;

  volatile Fiber fiber;
  private volatile boolean cancelRequested;
  private volatile boolean retrieved;
  private Throwable failure;
  /**
   * Why the task was cancelled, for the exception an awaiter gets: a phrase ("when its run ended")
   * or, when the body gave up by throwing a cancellation, that exception. Written before the
   * cancel that it explains, so whoever sees the task cancelled sees it (volatile).
   */
  private volatile Object cancelReason;
  /**
   * A channel closed when this task completes, made the first time a select waits on the task
   * ({@link #doneChannel()}); so a select over tasks is a select over channels. Null until then.
   */
  private volatile SyncChannel<Object> doneChannel;

  /**
   * When the task completed, in the model's order of completions. Written in {@link #afterDone()},
   * which runs before any listener: so a task that only completes after hearing of this one's
   * completion (through a listener) always gets a larger number. Never written for a detached
   * task, which nobody can await.
   */
  private volatile long completionOrder = Long.MAX_VALUE;

  /**
   * The untimed wait this task is blocked in, for deadlock detection; {@code null} when it is not.
   * Set by the task itself, cleared by a compare-and-set by whoever answers the wait (or cancels
   * the task, or the task itself when its wait ends), so the run's blocked count drops once.
   */
  @SuppressWarnings("unused") // accessed through WAITING_ON
  private volatile Wait waitingOn;

  /**
   * The awaits in progress: {@code null}, one {@link Completions.Watcher}, or a set of them. One is
   * by far the common case (a task awaited once), and a concurrent set per task was a third of the
   * cost of gathering 100,000 trivial tasks; once a set, it stays one (see {@link Completions}).
   */
  private volatile Object watchers;

  /**
   * The innermost {@code withTimeout} the body is in, inside its innermost {@code nonCancellable}
   * if any (which hides the ones outside it); read and written only by the body.
   */
  TimeoutScope timeouts;

  /**
   * How many {@code nonCancellable} blocks the body is in; while any, a cancellation is held off
   * (it stays requested, and is seen once the last block ends). Read and written only by the body.
   */
  int shields;

  /**
   * The waiter of this task's plain channel operations, made on the first: a finished waiter is
   * held by nobody (see {@link Selection#reset}), so the next operation can reuse it. Touched only
   * by the task. While one operation uses it ({@code channelWaiterInUse}), another on the same
   * task — code run by a listener while the task waits — gets a fresh one.
   */
  private Waiter channelWaiter;
  private boolean channelWaiterInUse;

  /** This task's place in its scope's {@link LiveSet}; guarded by the set's stripe lock. */
  TaskImpl<?> liveNext;
  TaskImpl<?> livePrev;
  int liveStripe;

  TaskImpl(
      ModelRuntime runtime, RunScope scope, boolean detached, long id, String name, Body<T> body) {
    this.runtime = runtime;
    this.scope = scope;
    this.detached = detached;
    this.id = id;
    this.givenName = name;
    this.body = body;
  }

  /** The task whose body the calling thread is running, of whatever model; or {@code null}. */
  static TaskImpl<?> running() {
    return RUNNING.get();
  }

  @Override
  public void run() {
    fiber = runtime.scheduler.current();
    TaskImpl<?> outer = RUNNING.get();
    RUNNING.set(this);
    try {
      if (!isDone()) {
        T result = body.run(new CtxImpl(this));
        if (set(result)) {
          runtime.succeeded(this);
        }
      }
    } catch (Throwable thrown) {
      completeExceptionally(thrown);
    } finally {
      body = null;
      if (outer == null) {
        RUNNING.remove();
      } else {
        RUNNING.set(outer);
      }
      runtime.ended(this);
    }
  }

  private void completeExceptionally(Throwable thrown) {
    if (thrown instanceof CancellationException && !(thrown instanceof TimeoutCancellationException)) {
      // The body gave up on cancellation (its own, or of what it awaited): the task is cancelled.
      cancel(thrown, false);
      return;
    }
    failure = thrown;
    if (setException(thrown)) {
      if (detached) {
        runtime.detachedFailed(this, thrown);
      } else {
        runtime.failed(this, thrown);
      }
    } else {
      // Cancelled already, so no one can retrieve this failure: report it rather than lose it.
      runtime.failedAfterCancel(this, thrown);
    }
  }

  /** This task's waiter, readied for a plain send or receive on {@code channel}. */
  Waiter channelWaiter(String verb, ChannelImpl<?> channel, boolean sender, Object item) {
    if (channelWaiterInUse) {
      return new Waiter(new Selection(this, verb, channel), 0, channel, sender, item);
    }
    channelWaiterInUse = true;
    Waiter w = channelWaiter;
    if (w == null) {
      w = new Waiter(new Selection(this, verb, channel), 0, channel, sender, item);
      channelWaiter = w;
      return w;
    }
    return w.reuse(verb, channel, sender, item);
  }

  /** Ends the operation that {@link #channelWaiter} readied {@code w} for, however it ended. */
  void doneWith(Waiter w) {
    w.item = null;
    if (w == channelWaiter) {
      channelWaiterInUse = false;
    }
  }

  /**
   * Throws if the task has been cancelled (outside any {@code nonCancellable} block) or an
   * enclosing timeout has expired.
   */
  void checkCancelled() {
    if (cancelRequested && shields == 0) {
      throw new CancellationException("task '" + name() + "' was cancelled");
    }
    for (TimeoutScope t = timeouts; t != null; t = t.outer) {
      if (t.isExpired()) {
        throw new TimeoutCancellationException(t.timeout);
      }
    }
  }

  /** Whether {@link #checkCancelled()} would throw. */
  boolean mustStop() {
    if (cancelRequested && shields == 0) {
      return true;
    }
    for (TimeoutScope t = timeouts; t != null; t = t.outer) {
      if (t.isExpired()) {
        return true;
      }
    }
    return false;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  /**
   * Marks this task blocked in {@code wait}; called by the task itself. Counted in its run once,
   * however often it is called before an {@link #unblock()}.
   */
  void markBlocked(Wait wait) {
    for (;;) {
      Wait current = waitingOn;
      if (current == null) {
        if (WAITING_ON.compareAndSet(this, null, wait)) {
          scope.blocked.incrementAndGet();
          return;
        }
      } else if (WAITING_ON.compareAndSet(this, current, wait)) {
        return;
      }
    }
  }

  /** Marks this task no longer blocked, if it was; safe from any thread, counted once. */
  void unblock() {
    Wait w = waitingOn;
    if (w != null && WAITING_ON.compareAndSet(this, w, null)) {
      scope.blocked.decrementAndGet();
    }
  }

  /**
   * Marks this task no longer blocked if it is still blocked in {@code answered}: an answer that
   * comes late must not clear the mark of the task's next wait.
   */
  void unblock(Wait answered) {
    if (WAITING_ON.compareAndSet(this, answered, null)) {
      scope.blocked.decrementAndGet();
    }
  }

  /** The untimed wait the task is blocked in, or {@code null}. */
  Wait blockedIn() {
    return waitingOn;
  }

  /** Asks the body to stop at its next suspension point, whether or not the future is done. */
  void requestStop() {
    cancelRequested = true;
    unblock();
    Fiber f = fiber;
    if (f != null) {
      runtime.scheduler.unpark(f);
    }
  }

  /** Parks this task's fiber; called only by the task itself. */
  void park(Object blocker) {
    assert RUNNING.get() == this : "task '" + name() + "' parked from another thread";
    runtime.parked(this, +1);
    try {
      runtime.scheduler.park(blocker);
    } finally {
      runtime.parked(this, -1);
    }
  }

  /** Parks this task's fiber until woken or {@code deadlineNanos}; called only by the task. */
  void parkUntil(Object blocker, long deadlineNanos) {
    assert RUNNING.get() == this : "task '" + name() + "' parked from another thread";
    runtime.parked(this, +1);
    try {
      runtime.scheduler.parkUntil(blocker, deadlineNanos);
    } finally {
      runtime.parked(this, -1);
    }
  }

  /** Wakes this task if it is parked (or makes its next park return). */
  void unpark() {
    Fiber f = fiber;
    if (f != null) {
      runtime.scheduler.unpark(f);
    }
  }

  @Override
  protected void afterDone() {
    if (!detached) {
      // Only awaitAll and awaitAny read the order, and nobody holds a detached task to await it:
      // it spares a detached task the one counter every completing task would contend on.
      completionOrder = runtime.nextCompletion();
    }
    if (isCancelled()) {
      runtime.cancelled(this);
      requestStop();
    }
    // Read after the task is done: see addWatcher.
    Object w = watchers;
    if (w instanceof Completions.Watcher one) {
      one.completed(this);
    } else if (w != null) {
      for (Completions.Watcher watcher : watcherSet(w)) {
        watcher.completed(this);
      }
    }
  }

  /**
   * Adds an await in progress. The watcher adds itself (a volatile write), then checks {@link
   * #isDone()}; {@link #afterDone()} runs after the task is done, then reads the watchers: so a
   * watcher added too late to be told sees the task done, and one told twice must not mind.
   */
  void addWatcher(Completions.Watcher watcher) {
    while (true) {
      Object w = watchers;
      if (w == null) {
        if (WATCHERS.compareAndSet(this, null, watcher)) {
          return;
        }
      } else if (w instanceof Completions.Watcher one) {
        Set<Completions.Watcher> both = ConcurrentHashMap.newKeySet();
        both.add(one);
        both.add(watcher);
        if (WATCHERS.compareAndSet(this, one, both)) {
          return;
        }
      } else {
        watcherSet(w).add(watcher);
        return;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<Completions.Watcher> watcherSet(Object set) {
    return (Set<Completions.Watcher>) set;
  }

  /** Takes back a watcher {@link #addWatcher} added; at most once. */
  void removeWatcher(Completions.Watcher watcher) {
    while (true) {
      Object w = watchers;
      if (w == watcher) {
        // Fails only if a second watcher turned the one into a set meanwhile: then look again.
        if (WATCHERS.compareAndSet(this, watcher, null)) {
          return;
        }
      } else {
        if (w != null && !(w instanceof Completions.Watcher)) {
          watcherSet(w).remove(watcher);
        }
        return;
      }
    }
  }

  /**
   * Cancels the task, saying why for whoever awaits it: a phrase such as {@code "when its run
   * ended"}, or the cancellation its body threw. A task already done keeps its outcome and reason.
   */
  boolean cancel(Object reason, boolean mayInterruptIfRunning) {
    assert reason instanceof String || reason instanceof CancellationException;
    if (isDone()) {
      return false;
    }
    cancelReason = reason;
    return cancel(mayInterruptIfRunning);
  }

  /**
   * What awaiting this cancelled task throws: a {@link CancellationException} naming the task and,
   * if known, why it was cancelled (with the cancellation its body threw as the cause).
   */
  CancellationException cancellation() {
    assert isCancelled();
    Object why = cancelReason;
    CancellationException e = new CancellationException("task '" + name() + "' was cancelled"
        + (why instanceof String phrase ? " " + phrase
            : why instanceof Throwable t ? ": its body gave up with " + t : ""));
    if (why instanceof Throwable t) {
      e.initCause(t);
    }
    return e;
  }

  /**
   * The channel that closes when this task completes (Go's {@code ctx.Done()}), for a select case
   * waiting on the task. Made once, on first use; a task already done gets it closed.
   */
  ChannelImpl<Object> doneChannel() {
    SyncChannel<Object> ch = doneChannel;
    if (ch != null) {
      return ch;
    }
    synchronized (this) {
      if (doneChannel == null) {
        SyncChannel<Object> made = new SyncChannel<>(runtime);
        made.name = "completion of task '" + name() + "'";
        // The watch tells once, at completion or at once if done already: the channel closes once.
        Completions.watch(this, done -> made.close());
        doneChannel = made;
      }
      return doneChannel;
    }
  }

  /** The failure, once the task is done and failed; {@code null} otherwise. */
  Throwable failure() {
    return isDone() ? failure : null;
  }

  /** The order of this task's completion among the model's, or {@link Long#MAX_VALUE} if not done. */
  long completionOrder() {
    return completionOrder;
  }

  void markRetrieved() {
    if (!retrieved) {
      retrieved = true;
      scope.retrieved(this);
    }
  }

  boolean isRetrieved() {
    return retrieved;
  }

  @Override
  public String name() {
    return givenName != null ? givenName : "task-" + id;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public String givenName() {
    return givenName;
  }

  @Override
  public boolean isRoot() {
    return scope.root == this;
  }

  @Override
  public Task<?> task() {
    return this;
  }

  @Override
  public void addListener(Runnable listener, Executor executor) {
    markRetrieved();
    super.addListener(listener, executor);
  }

  /**
   * Marks the failure retrieved once {@code get} has handed the outcome on, not before. A
   * cancelled task says which and why ({@link #cancellation()}).
   */
  @Override
  public T get() throws InterruptedException, ExecutionException {
    try {
      T value = super.get();
      markRetrieved();
      return value;
    } catch (ExecutionException e) {
      markRetrieved();
      throw e;
    } catch (CancellationException e) {
      throw cancellation();
    }
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      T value = super.get(timeout, unit);
      markRetrieved();
      return value;
    } catch (ExecutionException e) {
      markRetrieved();
      throw e;
    } catch (CancellationException e) {
      throw cancellation();
    }
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> result = new CompletableFuture<>();
    addListener(() -> {
      if (isCancelled()) {
        result.cancel(false);
      } else if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        try {
          // Uninterruptibly: the completing thread may carry an interrupt of its own.
          result.complete(Uninterruptibles.getUninterruptibly(this));
        } catch (ExecutionException e) {
          throw new AssertionError("a done, unfailed task has its value", e);
        }
      }
    }, MoreExecutors.directExecutor());
    return result;
  }

  @Override
  protected String pendingToString() {
    return "task=" + name();
  }
}
