package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Body;
import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import io.execmodels.core.TimeoutCancellationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * asyncio's functions, called from a task body with its {@link Ctx}: {@code create_task}, {@code
 * sleep}, {@code gather}, {@code wait}, {@code wait_for}, {@code timeout}, {@code shield}, {@code
 * to_thread}, {@code run_in_executor}, {@code get_running_loop}.
 *
 * <p>Mapping: a coroutine is a {@link Body}, a task a core {@link Task}; {@code CancelledError}
 * is {@link CancellationException} (thrown at the next suspension point after a cancel); {@code
 * TimeoutError} is {@link TimeoutException}; a failure of an awaited task arrives as core's
 * {@link CompletionException} with the task's exception as its cause. Core's cancellation is
 * final: a cancelled task cannot catch the cancellation and await again, as a Python coroutine
 * may.
 *
 * <p>The functions that wait are suspension points of the calling task and must be called from
 * it. They work on any model; on {@code asyncio} the loop's order is asyncio's.
 */
public final class Asyncio {
  private Asyncio() {}

  /**
   * {@code asyncio.create_task}: starts {@code body}; its first step runs later, never inside.
   *
   * @param <T> the type of the task's result
   * @param ctx the calling task's context
   * @param body the new task's code
   * @return the new task
   */
  public static <T> Task<T> createTask(Ctx ctx, Body<T> body) {
    return ctx.spawn(body);
  }

  /**
   * {@code asyncio.create_task(coro, name=...)}.
   *
   * @param <T> the type of the task's result
   * @param ctx the calling task's context
   * @param name the task's name
   * @param body the new task's code
   * @return the new task
   */
  public static <T> Task<T> createTask(Ctx ctx, String name, Body<T> body) {
    return ctx.spawn(name, body);
  }

  /**
   * {@code asyncio.sleep}: a zero or negative delay yields exactly one loop iteration (asyncio
   * accepts negative delays and treats them as 0). A suspension point.
   *
   * @param ctx the calling task's context
   * @param delay how long to sleep; zero or negative yields once
   */
  public static void sleep(Ctx ctx, Duration delay) {
    ctx.sleep(delay.isNegative() ? Duration.ZERO : delay);
  }

  /**
   * {@code asyncio.gather(*tasks)}: the results in argument order. The first failure (in
   * completion order) is thrown at once, and the other tasks are <em>not</em> cancelled; if the
   * calling task is cancelled while it waits, every task is. A suspension point.
   *
   * @param <T> the type of the tasks' results
   * @param ctx the calling task's context
   * @param tasks the tasks to wait for
   * @return their results, in argument order
   * @throws CompletionException with the first failure as its cause
   * @throws CancellationException if a task was cancelled, or the caller is
   */
  public static <T> List<T> gather(Ctx ctx, List<? extends Task<? extends T>> tasks) {
    try {
      if (tasks.stream().allMatch(Ends::done)) {
        Ends.hops(ctx, 2);
        return ctx.awaitAll(tasks);
      }
      try {
        return ctx.awaitAll(tasks);
      } finally {
        // The hop of the gathering future's own callbacks, after the child's done callback.
        Ends.hops(ctx, 1);
      }
    } catch (CancellationException e) {
      if (ctx.isCancelled()) {
        tasks.forEach(Task::cancel);
      }
      throw e;
    }
  }

  /**
   * {@code asyncio.gather(*tasks, return_exceptions=True)}: waits for every task; each result, or
   * its failure (a {@link CancellationException} for a cancelled task) in its place, in argument
   * order. A suspension point.
   *
   * @param ctx the calling task's context
   * @param tasks the tasks to wait for
   * @return each task's result, or its failure, in argument order
   * @throws CancellationException if the caller is cancelled (every task is then cancelled)
   */
  public static List<Object> gatherReturnExceptions(Ctx ctx, List<? extends Task<?>> tasks) {
    waitAll(ctx, tasks);
    List<Object> out = new ArrayList<>(tasks.size());
    for (Task<?> t : tasks) {
      try {
        out.add(t.get());
      } catch (ExecutionException e) {
        out.add(e.getCause());
      } catch (CancellationException e) {
        out.add(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("get() of a done task waited", e);
      }
    }
    return out;
  }

  private static void waitAll(Ctx ctx, List<? extends Task<?>> tasks) {
    try {
      wait(ctx, tasks, null, ReturnWhen.ALL_COMPLETED);
    } catch (CancellationException e) {
      tasks.forEach(Task::cancel);
      throw e;
    }
  }

  /**
   * {@code asyncio.wait(tasks, timeout, return_when)}: waits until {@code returnWhen} holds or
   * {@code timeout} ({@code null}: none) passes, and returns which tasks are done and which are
   * pending. Never throws on timeout, never cancels a task. A suspension point when it waits.
   *
   * @param <T> the type of the tasks' results
   * @param ctx the calling task's context
   * @param tasks the tasks to wait for; not empty
   * @param timeout the longest to wait; {@code null} for no limit
   * @param returnWhen when to return
   * @return the tasks done and the tasks pending, when it returned
   * @throws IllegalArgumentException {@code Set of Tasks/Futures is empty.} (ValueError)
   * @throws CancellationException if the caller is cancelled while it waits
   */
  public static <T> Done<T> wait(Ctx ctx, Collection<? extends Task<? extends T>> tasks,
      Duration timeout, ReturnWhen returnWhen) {
    @SuppressWarnings("unchecked")
    List<Task<T>> all = List.copyOf((Collection<Task<T>>) tasks);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
    }
    Channel<Task<?>> completions = ctx.channel(all.size());
    for (Task<T> t : all) {
      Ends.whenDone(t, () -> completions.trySend(t));
    }
    long deadline = timeout == null ? 0 : ctx.now() + Math.max(0, timeout.toNanos());
    // asyncio's wait always waits for its waiter future, set by a done callback: two loop
    // iterations when the condition holds already, one more after the completion that makes it.
    int hops = holds(all, returnWhen) ? 2 : 1;
    boolean timedOut = false;
    while (!holds(all, returnWhen)) {
      if (timeout == null) {
        completions.receive();
      } else {
        long left = deadline - ctx.now();
        if (left <= 0) {
          timedOut = true;
          break;
        }
        try {
          ctx.select().onReceive(completions, x -> x)
              .onTimeout(Duration.ofNanos(left), () -> null).run();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("select without handlers that throw threw", e);
        }
      }
    }
    if (!timedOut) {
      Ends.hops(ctx, hops);
    }
    List<Task<T>> done = new ArrayList<>();
    List<Task<T>> pending = new ArrayList<>();
    for (Task<T> t : all) {
      (Ends.done(t) ? done : pending).add(t);
    }
    return new Done<>(done, pending);
  }

  private static boolean holds(List<? extends Task<?>> all, ReturnWhen when) {
    int done = 0;
    for (Task<?> t : all) {
      if (Ends.done(t)) {
        done++;
        if (when == ReturnWhen.FIRST_COMPLETED
            || (when == ReturnWhen.FIRST_EXCEPTION && failed(t))) {
          return true;
        }
      }
    }
    return done == all.size();
  }

  private static boolean failed(Task<?> done) {
    if (done.isCancelled()) {
      return false;
    }
    try {
      done.get();
      return false;
    } catch (ExecutionException e) {
      return !(e.getCause() instanceof CancellationException);
    } catch (CancellationException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("get() of a done task waited", e);
    }
  }

  /**
   * {@code asyncio.wait_for(task, timeout)}: the task's result if it ends within {@code timeout}
   * ({@code null}: no limit); otherwise cancels it, waits until it has ended, and throws {@link
   * TimeoutException}, caused by the cancellation. If the caller is cancelled, so is the task. A
   * suspension point.
   *
   * @param <T> the type of the task's result
   * @param ctx the calling task's context
   * @param task the task to wait for
   * @param timeout the longest to wait; {@code null} for no limit
   * @return the task's result
   * @throws TimeoutException if the timeout passed first (Python's TimeoutError)
   * @throws CompletionException with the task's failure as its cause, if it failed
   */
  public static <T> T waitFor(Ctx ctx, Task<T> task, Duration timeout) throws TimeoutException {
    if (timeout == null) {
      return ctx.await(task);
    }
    try {
      wait(ctx, List.of(task), timeout, ReturnWhen.ALL_COMPLETED);
    } catch (CancellationException e) {
      task.cancel();
      throw e;
    }
    if (Ends.done(task)) {
      return ctx.await(task);
    }
    task.cancel();
    wait(ctx, List.of(task), null, ReturnWhen.ALL_COMPLETED);
    try {
      // A task that swallowed the cancellation and returned gives its result, as in CPython 3.11.
      return ctx.await(task);
    } catch (CancellationException e) {
      TimeoutException timedOut = new TimeoutException("wait_for: the task did not end within "
          + timeout + "; it was cancelled");
      timedOut.initCause(e);
      throw timedOut;
    }
  }

  /**
   * {@code async with asyncio.timeout(delay)} (3.11): runs {@code body} in the calling task; if
   * {@code delay} passes first, the body gets a cancellation at its next suspension point, and
   * this throws {@link TimeoutException} caused by it. A zero or negative delay expires at once.
   *
   * @param <T> the type of the body's result
   * @param ctx the calling task's context
   * @param delay how long the body has; zero or negative expires at once
   * @param body the code to run in the calling task
   * @return what the body returned
   * @throws TimeoutException if the delay passed (Python's TimeoutError)
   * @throws Exception whatever the body threw
   */
  public static <T> T timeout(Ctx ctx, Duration delay, Body<T> body) throws Exception {
    Duration d = delay.isNegative() ? Duration.ZERO : delay;
    long deadline = ctx.now() + d.toNanos();
    try {
      return ctx.withTimeout(d, body);
    } catch (TimeoutCancellationException e) {
      if (ctx.isCancelled() || ctx.now() - deadline < 0) {
        throw e;
      }
      TimeoutException timedOut = new TimeoutException("timeout: the block did not end within "
          + delay);
      timedOut.initCause(e);
      throw timedOut;
    }
  }

  /**
   * {@code await asyncio.shield(task)}: waits for the task, but cancelling the caller does not
   * cancel the task: the caller gets the {@link CancellationException}, the task runs on. A
   * suspension point.
   *
   * @param <T> the type of the task's result
   * @param ctx the calling task's context
   * @param task the task to wait for, which the caller's cancellation spares
   * @return the task's result
   * @throws CompletionException with the task's failure as its cause, if it failed
   */
  public static <T> T shield(Ctx ctx, Task<T> task) {
    // Core never cancels an awaited task when its awaiter is cancelled: that is the shield.
    return ctx.await(task);
  }

  /**
   * {@code asyncio.to_thread(f)}: runs {@code call} on the loop's default executor while the task
   * waits (on other models: as the model runs blocking calls). Cancelling the task does not stop
   * a call already running. A suspension point.
   *
   * @param <T> the type of the call's result
   * @param ctx the calling task's context
   * @param call the blocking call
   * @return the call's result
   * @throws Exception whatever the call threw
   */
  public static <T> T toThread(Ctx ctx, Callable<T> call) throws Exception {
    return ctx.blocking(call);
  }

  /**
   * {@code loop.run_in_executor(executor, f)}: runs {@code call} on {@code executor} ({@code
   * null}: the default executor, as {@link #toThread}) while the task waits. A suspension point.
   *
   * @param <T> the type of the call's result
   * @param ctx the calling task's context
   * @param executor where the call runs; {@code null} for the default executor
   * @param call the blocking call
   * @return the call's result
   * @throws Exception whatever the call threw
   */
  public static <T> T runInExecutor(Ctx ctx, Executor executor, Callable<T> call)
      throws Exception {
    if (executor == null) {
      return ctx.blocking(call);
    }
    Channel<Object[]> outcome = ctx.channel(1);
    executor.execute(() -> {
      Object[] o = new Object[2];
      try {
        o[0] = call.call();
      } catch (Throwable e) {
        o[1] = e;
      }
      outcome.trySend(o);
    });
    Object[] o = outcome.receive();
    if (o[1] instanceof Exception e) {
      throw e;
    }
    if (o[1] instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T value = (T) o[0];
    return value;
  }

  /**
   * {@code asyncio.get_running_loop()}.
   *
   * @return the calling thread's running loop
   * @throws IllegalStateException {@code no running event loop}, off an asyncio loop
   */
  public static Loop getRunningLoop() {
    return Loop.running();
  }
}
