package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Body;
import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code asyncio.TaskGroup} (3.11): structured concurrency. {@link #run} runs a body that
 * creates tasks in the group, then waits for all of them. When a task of the group fails with
 * anything but a cancellation, the group cancels every other task and the body, waits for all,
 * and throws an {@link ExceptionGroup} ({@code unhandled errors in a TaskGroup (N
 * sub-exceptions)}) holding every failure, the body's last. A {@link java.lang.Error} is thrown
 * bare, as Python lets {@code KeyboardInterrupt} through.
 *
 * <p>Differences from CPython, both forced by core: the body runs in a task of its own (started
 * like any task, one loop iteration later), since core can cancel a task but a body running in
 * the caller's task could not be interrupted at its next await; and a core task's cancellation
 * is final (every later await throws), so when the task calling {@link #run} is itself cancelled
 * the group cancels its tasks and the body and rethrows at once, without waiting for them.
 *
 * <p>Its methods are called by tasks of one model, like asyncio's; it is synchronized anyway, so
 * a misuse from another thread cannot corrupt it.
 */
public final class TaskGroup {

  /**
   * A {@link TaskGroup}'s body: creates tasks in {@code group}, from the task of {@code ctx}.
   *
   * @param <T> the type of the body's result
   */
  @FunctionalInterface
  public interface GroupBody<T> extends java.io.Serializable {
    /**
     * Runs the body.
     *
     * @param group the group to create tasks in
     * @param ctx the context of the task running the body
     * @return the body's result
     * @throws Exception whatever the body threw, which the group's {@link ExceptionGroup} holds
     */
    T run(TaskGroup group, Ctx ctx) throws Exception;
  }

  private final Loop loop;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();
  private boolean exiting;
  private boolean aborting;
  private boolean parentCancelRequested;
  private Task<?> body;
  private Waiter onCompleted;

  private TaskGroup() {
    this.loop = Loop.current();
  }

  /**
   * Runs {@code body} with a new group, waits for every task created in it, and returns the
   * body's result. A suspension point.
   *
   * @param <T> the type of the body's result
   * @param ctx the calling task's context
   * @param body creates the group's tasks
   * @return what the body returned
   * @throws ExceptionGroup holding every failure, if a task or the body failed
   * @throws CancellationException if the calling task is cancelled
   */
  public static <T> T run(Ctx ctx, GroupBody<T> body) {
    TaskGroup group = new TaskGroup();
    Task<T> bodyTask = ctx.spawn(c -> body.run(group, c));
    synchronized (group) {
      group.body = bodyTask;
      if (group.parentCancelRequested) {
        bodyTask.cancel();
      }
    }
    T result = null;
    Throwable bodyFailure = null;
    try {
      result = ctx.await(bodyTask);
    } catch (CancellationException e) {
      if (ctx.isCancelled()) {
        group.abortFromOutside();
        throw e;
      }
      // The group cancelled its body: the failure that made it do so is in errors.
    } catch (CompletionException e) {
      bodyFailure = e.getCause();
      group.abort();
    }
    while (true) {
      Waiter w;
      synchronized (group) {
        group.exiting = true;
        if (group.tasks.isEmpty()) {
          break;
        }
        w = group.onCompleted = new Waiter(ctx);
      }
      try {
        w.await();
      } catch (CancellationException e) {
        group.abortFromOutside();
        throw e;
      }
    }
    List<Throwable> all;
    synchronized (group) {
      if (bodyFailure != null) {
        group.errors.add(bodyFailure);
      }
      all = List.copyOf(group.errors);
    }
    for (Throwable e : all) {
      if (e instanceof Error error) {
        throw error;
      }
    }
    if (!all.isEmpty()) {
      throw new ExceptionGroup("unhandled errors in a TaskGroup", all);
    }
    return result;
  }

  /**
   * {@code tg.create_task}: starts {@code taskBody} as a task of the group, from the task of
   * {@code ctx}. Not a suspension point.
   *
   * @param <T> the type of the task's result
   * @param ctx the calling task's context
   * @param taskBody the new task's code
   * @return the new task
   * @throws IllegalStateException {@code TaskGroup ... is finished} once the group has exited, or
   *     {@code ... is shutting down} once it is cancelling its tasks (Python's RuntimeError)
   */
  public synchronized <T> Task<T> createTask(Ctx ctx, Body<T> taskBody) {
    if (exiting && tasks.isEmpty()) {
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> t = ctx.spawn(taskBody);
    tasks.add(t);
    Ends.whenDone(t, () -> post(() -> onTaskDone(t)));
    return t;
  }

  /** As asyncio, a task's done callback runs as a loop callback (or at once, off asyncio). */
  private void post(Runnable r) {
    if (loop == null) {
      r.run();
    } else if (loop.inLoop()) {
      loop.callSoon(r);
    } else {
      loop.callSoonThreadsafe(r);
    }
  }

  private synchronized void onTaskDone(Task<?> t) {
    tasks.remove(t);
    if (onCompleted != null && tasks.isEmpty()) {
      onCompleted.set();
    }
    if (t.isCancelled()) {
      return;
    }
    Throwable failure = failureOf(t);
    if (failure == null || failure instanceof CancellationException) {
      return;
    }
    errors.add(failure);
    if (!aborting && !parentCancelRequested) {
      abort();
      parentCancelRequested = true;
      if (body != null) {
        body.cancel();
      }
    }
  }

  private static Throwable failureOf(Task<?> done) {
    try {
      done.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("get() of a done task waited", e);
    }
  }

  private synchronized void abort() {
    aborting = true;
    for (Task<?> t : tasks) {
      if (!t.isDone()) {
        t.cancel();
      }
    }
  }

  private synchronized void abortFromOutside() {
    abort();
    exiting = true;
    if (body != null) {
      body.cancel();
    }
  }

  @Override
  public synchronized String toString() {
    return "<TaskGroup" + (tasks.isEmpty() ? "" : " tasks=" + tasks.size())
        + (errors.isEmpty() ? "" : " errors=" + errors.size())
        + (aborting ? " cancelling" : exiting ? "" : " entered") + ">";
  }
}
