package io.execmodels.core.internal;

import io.execmodels.core.Body;
import io.execmodels.core.Config;
import io.execmodels.core.DeadlockException;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.LeakException;
import io.execmodels.core.Stats;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import io.execmodels.core.UnhandledFailureException;
import io.execmodels.core.UnhandledFailurePolicy;
import io.execmodels.core.internal.RunScope.Unhandled;
import io.execmodels.core.spi.Drain;
import io.execmodels.core.spi.Scheduler;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link ExecutionModel} made of a {@link Scheduler} and what core writes once: task life
 * cycle, runs, failure reporting and the order of shutdown.
 *
 * <p>Shutdown goes: refuse new work from outside; wait (grace) for every task; ask the rest to
 * stop, and make tasks spawned from then on start cancelled; wait (grace) again; shut the
 * scheduler down; report failures nobody retrieved; fail naming any task that never stopped.
 */
public final class ModelRuntime implements ExecutionModel {

  static final System.Logger LOG = System.getLogger("io.execmodels");

  private static final int OPEN = 0;
  private static final int CLOSING = 1;
  private static final int CLOSED = 2;

  final Scheduler scheduler;
  private final String name;
  private final Config config;
  private final Traits traits;

  private final RunScope outside = new RunScope();
  /** The runs that may have live tasks (the outside scope aside): added first, removed drained. */
  private final Set<RunScope> scopes = ConcurrentHashMap.newKeySet();
  private final Drain all = new Drain();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong completions = new AtomicLong();
  private final TaskCounter spawned = new TaskCounter();
  private final TaskCounter succeeded = new TaskCounter();
  private final TaskCounter failed = new TaskCounter();
  private final TaskCounter cancelled = new TaskCounter();
  private final TaskCounter parked = new TaskCounter();

  private final AtomicInteger state = new AtomicInteger(OPEN);
  private final boolean detectDeadlocks;
  private final Object closeLock = new Object();
  /** Once set, tasks start cancelled: the model is cancelling everything. */
  private volatile boolean stopping;

  /**
   * Use {@link io.execmodels.core.SchedulerModels#create}.
   *
   * @param name the model's name, as its provider registers it
   * @param config the configuration it was opened with
   * @param scheduler the model's scheduler, which it owns from now on
   */
  public ModelRuntime(String name, Config config, Scheduler scheduler) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.traits = Objects.requireNonNull(scheduler.traits(), "scheduler traits");
    this.detectDeadlocks = scheduler.detectsDeadlocks();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Traits traits() {
    return traits;
  }

  @Override
  public Stats stats() {
    return new Stats(
        spawned.sum(), all.count(), parked.sum(), succeeded.sum(), failed.sum(), cancelled.sum(),
        scheduler.stats());
  }

  @Override
  public boolean isClosed() {
    return state.get() != OPEN;
  }

  @Override
  public <T> T run(Body<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    if (currentTask() != null) {
      throw new IllegalStateException("run() called from a task of model '" + name
          + "': it would block its own model; use ctx.spawn and ctx.await instead");
    }
    RunScope scope = new RunScope();
    scopes.add(scope);
    TaskImpl<T> root;
    try {
      root = start(null, scope, false, "main", body);
    } catch (RuntimeException | Error e) {
      scopes.remove(scope);
      throw e;
    }
    InterruptedException interrupted = null;
    try {
      root.get();
    } catch (InterruptedException e) {
      interrupted = e;
      root.cancel("because the thread waiting for its run was interrupted", true);
    } catch (ExecutionException | CancellationException e) {
      // The outcome is read from the task below.
    }
    List<String> leaks = config.leakCheck() ? stillRunning(scope, root) : List.of();
    cancelTasksOf(scope);
    List<String> neverStopped = List.of();
    if (scope.live.awaitZero(config.shutdownGrace().toNanos())) {
      scopes.remove(scope);
    } else {
      // Left among the scopes, so that close() still cancels and reports what never stopped.
      neverStopped = names(scope.members.snapshot());
    }

    List<Unhandled> reported = report(scope);
    List<Throwable> unhandled = failures(reported);
    if (!neverStopped.isEmpty()) {
      IllegalStateException e = new IllegalStateException("the run on model '" + name
          + "' ended, but these of its tasks never reached a suspension point after being"
          + " cancelled: " + neverStopped);
      if (root.failure() != null) {
        e.addSuppressed(root.failure());
      }
      suppress(e, unhandled);
      if (interrupted != null) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    if (scope.panic() != null) {
      List<Unhandled> all = new ArrayList<>(reported);
      all.add(0, scope.panic());
      UnhandledFailureException e = unhandledFailure(all);
      if (root.failure() != null && root.failure() != scope.panic().failure()) {
        e.addSuppressed(root.failure());
      }
      if (interrupted != null) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    if (scope.deadlock() != null) {
      DeadlockException e = new DeadlockException(scope.deadlock());
      suppress(e, unhandled);
      if (interrupted != null) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    if (interrupted != null) {
      suppress(interrupted, unhandled);
      throw interrupted;
    }
    if (root.isCancelled()) {
      // The body may have given up by throwing a cancellation (of a task it awaited, say): that
      // one says why, and is the cause.
      Throwable gaveUpWith = root.cancellation().getCause();
      CancellationException e = new CancellationException("the run on model '" + name
          + "' was cancelled" + (stopping ? " by its shutdown" : "")
          + (gaveUpWith != null ? ": its body gave up with " + gaveUpWith : ""));
      if (gaveUpWith != null) {
        e.initCause(gaveUpWith);
      }
      suppress(e, unhandled);
      throw e;
    }
    LeakException leaked = leaks.isEmpty() ? null : new LeakException(leaks);
    Throwable failure = root.failure();
    if (failure != null) {
      suppress(failure, unhandled);
      if (leaked != null) {
        failure.addSuppressed(leaked);
      }
      throw Throwables.asException(failure);
    }
    if (leaked != null) {
      suppress(leaked, unhandled);
      throw leaked;
    }
    if (!reported.isEmpty()) {
      throw unhandledFailure(reported);
    }
    return root.get();
  }

  @Override
  public <T> Task<T> spawn(Body<T> body) {
    Objects.requireNonNull(body, "body");
    return start(null, outside, false, null, body);
  }

  /** Spawns a child of {@code parent}, in its run; a detached one if nobody will hold it. */
  <T> Task<T> spawnChild(TaskImpl<?> parent, boolean detached, String name, Body<T> body) {
    Objects.requireNonNull(body, "body");
    return start(parent, parent.scope, detached, name, body);
  }

  /**
   * Registers and starts a task. Registration comes before the checks, and the checks read what
   * shutdown writes before it reads the registrations ({@code state} against {@code all} in
   * {@link #close()}, {@code stopping} against the scopes' {@link LiveSet}s in the cancelling
   * walks): so either the shutdown sees the task and deals with it, or the task sees the shutdown
   * and is refused or starts cancelled. Never neither.
   */
  private <T> TaskImpl<T> start(
      TaskImpl<?> parent, RunScope scope, boolean detached, String name, Body<T> body) {
    TaskImpl<T> task = new TaskImpl<>(this, scope, detached, ids.incrementAndGet(), name, body);
    if (parent == null && scope != outside) {
      scope.root = task;
    }
    scope.members.add(task);
    all.increment();
    scope.live.increment();
    if (parent == null && state.get() != OPEN) {
      task.cancel("at its start: the model was closed", false);
      ended(task);
      throw new RejectedExecutionException("model '" + name() + "' is closed");
    }
    spawned.add(task.id, 1);
    if (stopping) {
      task.cancel("at its start: the model was shutting down", false);
    } else if (scope.stopping) {
      task.cancel("at its start: its run was ending (the run's body had returned)", false);
    }
    try {
      scheduler.spawn(parent == null ? null : parent.fiber, task);
    } catch (RuntimeException | Error e) {
      task.cancel(false);
      ended(task);
      if (e instanceof RejectedExecutionException) {
        throw new RejectedExecutionException("model '" + name() + "' is closed", e);
      }
      throw e;
    }
    return task;
  }

  @Override
  public void close() {
    if (currentTask() != null) {
      throw new IllegalStateException("close() called from a task of model '" + name
          + "': it would wait for itself; close the model from outside it");
    }
    synchronized (closeLock) {
      if (!state.compareAndSet(OPEN, CLOSING)) {
        return;
      }
      long grace = config.shutdownGrace().toNanos();
      List<String> neverStopped = List.of();
      boolean threadsStopped;
      try {
        if (!all.awaitZero(grace)) {
          cancelEverything();
          if (!all.awaitZero(grace)) {
            neverStopped = names(liveTasks());
          }
        }
      } finally {
        threadsStopped = scheduler.shutdown(config.shutdownGrace());
        state.set(CLOSED);
      }
      List<Unhandled> reported = new ArrayList<>(report(outside));
      if (outside.panic() != null) {
        reported.add(0, outside.panic());
      }
      List<Throwable> unhandled = failures(reported);
      if (!neverStopped.isEmpty() || !threadsStopped) {
        IllegalStateException e = new IllegalStateException("model '" + name + "' closed, but "
            + (neverStopped.isEmpty()
                ? "its scheduler's threads did not stop within " + config.shutdownGrace()
                : "these tasks never reached a suspension point after being cancelled: "
                    + neverStopped));
        suppress(e, unhandled);
        throw e;
      }
      if (!reported.isEmpty()) {
        throw unhandledFailure(reported);
      }
    }
  }

  /**
   * Adds {@code others} to {@code primary} as suppressed, each once and never {@code primary}
   * itself: a task may fail with the very exception the run's body rethrows.
   */
  private static void suppress(Throwable primary, List<Throwable> others) {
    Set<Throwable> added = Collections.newSetFromMap(new IdentityHashMap<>());
    added.add(primary);
    for (Throwable t : others) {
      if (added.add(t)) {
        primary.addSuppressed(t);
      }
    }
  }

  @Override
  public void shutdownNow() {
    if (currentTask() != null) {
      throw new IllegalStateException("shutdownNow() called from a task of model '" + name
          + "': it would wait for itself; shut the model down from outside it");
    }
    if (state.get() != CLOSED) {
      cancelEverything();
    }
    close();
  }

  /** Every live task of every scope. */
  private List<TaskImpl<?>> liveTasks() {
    List<TaskImpl<?>> tasks = new ArrayList<>(outside.members.snapshot());
    for (RunScope s : scopes) {
      tasks.addAll(s.members.snapshot());
    }
    return tasks;
  }

  private static List<String> names(List<TaskImpl<?>> tasks) {
    return tasks.stream().map(TaskImpl::name).sorted().toList();
  }

  private void cancelEverything() {
    stopping = true;
    for (TaskImpl<?> task : liveTasks()) {
      task.cancel("by the model's shutdown", true);
      task.requestStop();
    }
  }

  /**
   * The tasks of {@code scope} other than {@code root} still running, each with what it waits on:
   * a task whose future is done (finished, failed, or cancelled) is on its way out, not leaked.
   */
  private List<String> stillRunning(RunScope scope, TaskImpl<?> root) {
    List<String> running = new ArrayList<>();
    for (TaskImpl<?> t : scope.members.snapshot()) {
      if (t != root && !t.isDone()) {
        Wait w = t.blockedIn();
        running.add("task '" + t.name() + "': "
            + (w != null ? w.description() : "running, sleeping or in a timed wait"));
      }
    }
    Collections.sort(running);
    return running;
  }

  private void cancelTasksOf(RunScope scope) {
    scope.stopping = true;
    for (TaskImpl<?> task : scope.members.snapshot()) {
      task.cancel("when its run ended (the run's body returned while it was still running)",
          true);
    }
  }

  /** Applies the unhandled-failure policy to what {@code scope} noted; returns what to throw. */
  private List<Unhandled> report(RunScope scope) {
    List<Unhandled> toThrow = new ArrayList<>();
    for (Unhandled u : scope.takeUnhandled()) {
      if (config.unhandledFailurePolicy() == UnhandledFailurePolicy.LOG) {
        LOG.log(Level.WARNING, "task '" + u.task() + "' on model '" + name
            + "' failed and its failure was never retrieved", u.failure());
      } else {
        toThrow.add(u);
      }
    }
    return toThrow;
  }

  private static List<Throwable> failures(List<Unhandled> unhandled) {
    return unhandled.stream().map(Unhandled::failure).toList();
  }

  private static UnhandledFailureException unhandledFailure(List<Unhandled> unhandled) {
    return new UnhandledFailureException(unhandled.get(0).task(), failures(unhandled));
  }

  /**
   * The calling task is about to park in {@code wait}, an untimed wait that only another task of
   * its run can answer (a channel operation, a select without timeout, an await of tasks of the
   * same run). If the model detects deadlocks, the task counts as blocked until the wait is
   * answered; when every task of the run is, and each one's wait is still unanswered, nothing can
   * wake any of them: the run has deadlocked, and its tasks are cancelled to end it.
   *
   * <p>Call it before the wait can be answered (a channel: under its lock, before queueing the
   * waiter), so that an answer always finds the mark to clear; then call {@link
   * #checkDeadlock(TaskImpl)} once the wait is in place, outside any lock.
   *
   * <p>Tasks inside {@code withTimeout} never count (their timer will wake them), nor do sleeping
   * tasks or tasks in a blocking call (they are not blocked in this sense); tasks spawned from
   * outside any run are not checked.
   */
  void blocked(TaskImpl<?> task, Wait wait) {
    if (detectDeadlocks && task.timeouts == null && task.scope != outside) {
      task.markBlocked(wait);
      // A cancel that came before the mark found nothing to clear: the task is about to see it
      // and stop waiting. The mark is written before this read, and a cancel writes its flag
      // before it clears marks, so one of the two always sees the other.
      if (task.mustStop()) {
        task.unblock();
      }
    }
  }

  /** After {@link #blocked}: if every task of the run is blocked now, checks for a deadlock. */
  void checkDeadlock(TaskImpl<?> task) {
    RunScope scope = task.scope;
    if (detectDeadlocks && task.blockedIn() != null
        && scope.blocked.get() >= scope.live.count()) {
      checkDeadlock(scope);
    }
  }

  private void checkDeadlock(RunScope scope) {
    TaskImpl<?> root = scope.root;
    if (root == null || root.isDone() || scope.stopping) {
      // The run's body has returned: the run is ending, and will cancel what still waits.
      return;
    }
    List<String> waits = new ArrayList<>();
    for (TaskImpl<?> t : scope.members.snapshot()) {
      Wait w = t.blockedIn();
      if (w == null || !w.pending()) {
        return;
      }
      waits.add("task '" + t.name() + "': " + w.description());
    }
    if (waits.isEmpty() || scope.blocked.get() < scope.live.count()
        || root.isDone() || scope.stopping) {
      return;
    }
    Collections.sort(waits);
    if (scope.deadlocked(waits)) {
      cancelTasksOf(scope);
    }
  }

  /** The task running the calling code, if it is one of this model's; otherwise {@code null}. */
  TaskImpl<?> currentTask() {
    TaskImpl<?> task = TaskImpl.running();
    return task != null && task.runtime == this ? task : null;
  }

  /** The calling task, for an operation that must run in one. */
  TaskImpl<?> requireTask(String operation) {
    TaskImpl<?> task = currentTask();
    if (task == null) {
      throw new IllegalStateException(operation + " must be called from a task of model '" + name
          + "' (inside run or spawn); it was called from " + Thread.currentThread());
    }
    return task;
  }

  void succeeded(TaskImpl<?> task) {
    succeeded.add(task.id, 1);
  }

  void failed(TaskImpl<?> task, Throwable failure) {
    failed.add(task.id, 1);
    task.scope.failed(task, failure);
  }

  /**
   * A detached task failed: nobody can ever retrieve it. Logged at once, or the end of its run:
   * the run's tasks are cancelled, and the run (or {@link #close()}) reports it.
   */
  void detachedFailed(TaskImpl<?> task, Throwable failure) {
    failed.add(task.id, 1);
    if (config.unhandledFailurePolicy() == UnhandledFailurePolicy.LOG) {
      LOG.log(Level.WARNING, "detached task '" + task.name() + "' on model '" + name
          + "' failed", failure);
    } else if (task.scope.panicked(task, failure) && task.scope != outside) {
      // Ends its run. Tasks spawned from outside any run belong to no run to end: the failure
      // waits for close(), which reports it, and the model goes on serving later spawns.
      cancelTasksOf(task.scope);
    }
  }

  void failedAfterCancel(TaskImpl<?> task, Throwable failure) {
    task.scope.failedAfterCancel(task, failure);
  }

  void cancelled(TaskImpl<?> task) {
    cancelled.add(task.id, 1);
  }

  long nextCompletion() {
    return completions.incrementAndGet();
  }

  void parked(TaskImpl<?> task, int delta) {
    parked.add(task.id, delta);
  }

  void ended(TaskImpl<?> task) {
    // The model's count first: whoever waits on the run's count must see the model's updated too.
    task.scope.members.remove(task);
    all.decrement();
    RunScope scope = task.scope;
    scope.live.decrement();
    // A task ending can complete a deadlock as surely as one blocking: if the rest all wait.
    if (detectDeadlocks && scope != outside && scope.live.count() > 0
        && scope.blocked.get() >= scope.live.count()) {
      checkDeadlock(scope);
    }
  }

  @Override
  public String toString() {
    return "ExecutionModel[" + name + ", " + traits + "]";
  }
}
