package io.execmodels.core.internal;

import io.execmodels.core.Body;
import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.Job;
import io.execmodels.core.Select;
import io.execmodels.core.Task;
import io.execmodels.core.TimeoutCancellationException;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The {@link Ctx} of one task. Every suspension point starts with {@link #enter}: the caller must be
 * the task itself, and a pending cancellation is observed there, before anything else happens.
 */
final class CtxImpl implements Ctx {
  private final TaskImpl<?> task;

  CtxImpl(TaskImpl<?> task) {
    this.task = task;
  }

  /** Checks that the caller is this Ctx's task. */
  private void own(String operation) {
    if (task.runtime.scheduler.current() != task.fiber) {
      throw new IllegalStateException("ctx." + operation + " called outside its task '"
          + task.name() + "' (from " + Thread.currentThread() + "); a Ctx belongs to one task");
    }
  }

  /** Starts a suspension point: the caller's own, and not cancelled. */
  private void enter(String operation) {
    own(operation);
    task.checkCancelled();
  }

  @Override
  public <T> Task<T> spawn(Body<T> body) {
    own("spawn");
    return task.runtime.spawnChild(task, false, null, body);
  }

  @Override
  public <T> Task<T> spawn(String name, Body<T> body) {
    Objects.requireNonNull(name, "name");
    own("spawn");
    return task.runtime.spawnChild(task, false, name, body);
  }

  @Override
  public void go(Body<?> body) {
    own("go");
    task.runtime.spawnChild(task, true, null, body);
  }

  @Override
  public void go(String name, Body<?> body) {
    Objects.requireNonNull(name, "name");
    own("go");
    task.runtime.spawnChild(task, true, name, body);
  }

  @Override
  public <T> T await(Task<T> other) {
    Objects.requireNonNull(other, "task");
    enter("await");
    if (other == task) {
      throw new IllegalArgumentException("task '" + task.name() + "' awaits itself");
    }
    if (!other.isDone()) {
      AwaitWait wait = new AwaitWait(List.of(other), () -> !other.isDone());
      Runnable unwatch = Completions.watch(other, done -> {
        task.unblock(wait);
        task.unpark();
      });
      try {
        if (sameRun(other)) {
          task.runtime.blocked(task, wait);
          if (other.isDone()) {
            task.unblock();
          }
          task.runtime.checkDeadlock(task);
        }
        while (!other.isDone()) {
          task.park(other);
          task.checkCancelled();
        }
      } finally {
        task.unblock();
        unwatch.run();
      }
    }
    return Throwables.join(other);
  }

  /** Counts completions for awaitAll and awaitAny: each watch tells it once (see Completions). */
  private final class Tally implements Completions.Watcher {
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    /** The wait this tally answers, for deadlock detection; set before any task is watched. */
    Wait answers;

    @Override
    public void completed(Task<?> t) {
      (Throwables.failedOrCancelled(t) ? failed : succeeded).incrementAndGet();
      task.unblock(answers);
      task.unpark();
    }
  }

  /** Whether {@code other} is a task of this task's run: only then can it be in a deadlock with it. */
  private boolean sameRun(Task<?> other) {
    return other instanceof TaskImpl<?> impl && impl.scope == task.scope;
  }

  /** An await, as deadlock detection sees it. */
  private record AwaitWait(List<? extends Task<?>> tasks, BooleanSupplier stillWaiting)
      implements Wait {
    @Override
    public boolean pending() {
      return stillWaiting.getAsBoolean();
    }

    @Override
    public String description() {
      return "await " + tasks.stream().map(t -> t instanceof TaskImpl<?> i ? "'" + i.name() + "'"
          : t.toString()).toList();
    }
  }

  /** Watches every task with {@code tally} while {@code done} is false, then stops watching. */
  private void waitFor(List<? extends Task<?>> tasks, Tally tally, BooleanSupplier done) {
    List<Runnable> unwatch = new ArrayList<>(tasks.size());
    tally.answers = new AwaitWait(tasks, () -> !done.getAsBoolean());
    try {
      for (Task<?> t : tasks) {
        unwatch.add(Completions.watch(t, tally));
      }
      boolean inRun = tasks.stream().allMatch(this::sameRun);
      while (!done.getAsBoolean()) {
        if (inRun) {
          task.runtime.blocked(task, tally.answers);
          if (done.getAsBoolean()) {
            task.unblock();
          }
          task.runtime.checkDeadlock(task);
        }
        task.park(tasks);
        task.checkCancelled();
      }
    } finally {
      task.unblock();
      unwatch.forEach(Runnable::run);
    }
  }

  private void refuseSelf(List<? extends Task<?>> tasks, String operation) {
    for (Task<?> t : tasks) {
      if (t == task) {
        throw new IllegalArgumentException(
            operation + ": task '" + task.name() + "' is among the tasks it awaits");
      }
    }
  }

  @Override
  public <T> List<T> awaitAll(Collection<? extends Task<? extends T>> tasks) {
    List<Task<? extends T>> all = List.copyOf(tasks);
    enter("awaitAll");
    refuseSelf(all, "awaitAll");
    Tally tally = new Tally();
    waitFor(all, tally, () -> tally.failed.get() > 0 || tally.succeeded.get() == all.size());
    if (tally.failed.get() > 0) {
      Throwables.join(firstFailed(all));
    }
    List<T> results = new ArrayList<>(all.size());
    for (Task<? extends T> t : all) {
      results.add(Throwables.join(t));
    }
    return results;
  }

  /**
   * The failed task that completed first. Tasks are told of completions in no useful order, so
   * the one that woke us may not be it; completion order is what {@link
   * TaskImpl#completionOrder()} records.
   */
  private static Task<?> firstFailed(List<? extends Task<?>> tasks) {
    Task<?> first = null;
    long firstOrder = Long.MAX_VALUE;
    for (Task<?> t : tasks) {
      if (t.isDone() && Throwables.failedOrCancelled(t)) {
        long order = completionOrder(t);
        if (first == null || order < firstOrder) {
          first = t;
          firstOrder = order;
        }
      }
    }
    return first;
  }

  private static long completionOrder(Task<?> t) {
    return t instanceof TaskImpl<?> impl ? impl.completionOrder() : Long.MAX_VALUE;
  }

  @Override
  public <T> T awaitAny(Collection<? extends Task<? extends T>> tasks) {
    List<Task<? extends T>> all = List.copyOf(tasks);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("awaitAny of no tasks");
    }
    enter("awaitAny");
    refuseSelf(all, "awaitAny");
    Tally tally = new Tally();
    waitFor(all, tally, () -> tally.succeeded.get() > 0 || tally.failed.get() == all.size());
    Task<? extends T> won = null;
    for (Task<? extends T> t : all) {
      if (t.isDone() && !Throwables.failedOrCancelled(t)
          && (won == null || completionOrder(t) < completionOrder(won))) {
        won = t;
      }
    }
    if (won != null) {
      return Throwables.join(won);
    }
    List<Task<? extends T>> byCompletion = new ArrayList<>(all);
    byCompletion.sort(Comparator.comparingLong(CtxImpl::completionOrder));
    CompletionException e = Throwables.completion(failureOf(byCompletion.get(0)));
    byCompletion.subList(1, byCompletion.size()).forEach(t -> e.addSuppressed(failureOf(t)));
    throw e;
  }

  private static Throwable failureOf(Future<?> done) {
    try {
      Throwables.join(done);
      throw new AssertionError("not failed: " + done);
    } catch (CompletionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Override
  public void sleep(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("sleep duration must not be negative, was " + duration);
    }
    enter("sleep");
    long deadline = Deadlines.after(task.runtime.scheduler.nanoTime(), duration);
    do {
      task.parkUntil(duration, deadline);
      task.checkCancelled();
    } while (task.runtime.scheduler.nanoTime() - deadline < 0);
  }

  @Override
  public long now() {
    return task.runtime.scheduler.nanoTime();
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    Objects.requireNonNull(call, "call");
    enter("blocking");
    return task.runtime.scheduler.blocking(call);
  }

  @Override
  public <T> T compute(Job<T> job) throws Exception {
    Objects.requireNonNull(job, "job");
    enter("compute");
    return task.runtime.scheduler.compute(job);
  }

  @Override
  public void checkpoint() {
    enter("checkpoint");
    task.runtime.scheduler.checkpoint();
  }

  @Override
  public <T> Channel<T> channel(int capacity) {
    own("channel");
    return ChannelImpl.create(task.runtime, capacity);
  }

  @Override
  public <T> Channel<T> channel(int capacity, String name) {
    own("channel");
    ChannelImpl<T> channel = ChannelImpl.create(task.runtime, capacity);
    channel.name = Objects.requireNonNull(name, "name");
    return channel;
  }

  @Override
  public <R> Select<R> select() {
    own("select");
    return new SelectImpl<>(task);
  }

  @Override
  public <T> T withTimeout(Duration timeout, Body<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    enter("withTimeout");
    long deadline = Deadlines.after(task.runtime.scheduler.nanoTime(), timeout);
    TimeoutScope scope = new TimeoutScope(timeout, deadline, task.timeouts, task);
    Cancellable timer = task.runtime.scheduler.schedule(deadline, scope);
    task.timeouts = scope;
    try {
      return body.run(this);
    } finally {
      timer.cancel();
      task.timeouts = scope.outer;
    }
  }

  @Override
  public <T> T withTimeoutOr(Duration timeout, T onTimeout, Body<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    long deadline = Deadlines.after(task.runtime.scheduler.nanoTime(), timeout);
    try {
      return withTimeout(timeout, body);
    } catch (TimeoutCancellationException e) {
      // An inner timeout's exception is this one's too once this deadline has passed: the body
      // was late either way. Before it, the exception is the inner timeout's alone.
      if (task.runtime.scheduler.nanoTime() - deadline >= 0) {
        return onTimeout;
      }
      throw e;
    }
  }

  @Override
  public <T> T nonCancellable(Body<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    own("nonCancellable");
    TimeoutScope outer = task.timeouts;
    task.timeouts = null;
    task.shields++;
    try {
      return body.run(this);
    } finally {
      task.shields--;
      task.timeouts = outer;
    }
  }

  @Override
  public boolean isCancelled() {
    return task.mustStop();
  }

  @Override
  public String taskName() {
    return task.name();
  }

  @Override
  public Traits traits() {
    return task.runtime.traits();
  }
}
