package io.execmodels.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * The context of a running task: the only way business logic touches concurrency.
 *
 * <p>Every task body receives its own {@code Ctx}. It is bound to that task: call it only from the
 * task's own code (not from another thread the task starts, nor after the body has returned);
 * doing otherwise throws {@link IllegalStateException}. In particular, a body spawned inside
 * another uses the {@code Ctx} it is given, not the enclosing one it can see:
 * {@code ctx.spawn(c -> { c.sleep(d); ... })}.
 *
 * <p><b>Suspension points.</b> The methods marked so may suspend the task, letting the model run
 * others. At each of them the task first observes its own cancellation and the expiry of any
 * enclosing {@link #withTimeout timeout}: a cancelled task gets a {@link CancellationException},
 * an expired timeout a {@link TimeoutCancellationException}. Code between suspension points is
 * never interrupted by the model (on a preemptive model, other tasks may run in parallel with it).
 * A {@link Thread#interrupt() thread interrupt} is not a cancellation: suspension points ignore it
 * on every model (a sleep lasts its time, a wait ends when its value comes) and keep the
 * interrupt status for the task's own code; cancel a task with {@link Task#cancel()}.
 *
 * <p><b>Failures of awaited tasks</b> are rethrown as by {@link
 * java.util.concurrent.CompletableFuture#join()}: a {@link CompletionException} whose cause is the
 * task's failure, or a {@link CancellationException} for a cancelled task.
 */
public interface Ctx {

  /**
   * Starts a concurrent task ({@code go f()}, {@code asyncio.create_task}, {@code pool.submit}).
   * Not a suspension point: the new task may start before or after this returns. It belongs to
   * the same run as this task; once that run is ending (its body has returned) or the model is
   * shutting down, it starts cancelled.
   *
   * @param <T> the type of the task's result
   * @param body the task's code
   * @return the new task
   */
  <T> Task<T> spawn(Body<T> body);

  /**
   * Like {@link #spawn(Body)}, with a name that shows in stack traces, thread names and reports.
   *
   * @param <T> the type of the task's result
   * @param name the task's name
   * @param body the task's code
   * @return the new task
   */
  <T> Task<T> spawn(String name, Body<T> body);

  /**
   * Starts a detached task: Go's {@code go f()}, or an async function called without {@code
   * await}. Nobody holds it, so nobody can retrieve its failure: under {@link
   * UnhandledFailurePolicy#FAIL_RUN} a failure ends the run at once — its other tasks are
   * cancelled and {@link ExecutionModel#run} throws an {@link UnhandledFailureException} caused by
   * it, as a panic ends a Go program and an unhandled rejection a Node one; under {@link
   * UnhandledFailurePolicy#LOG} it is logged at once. Not a suspension point.
   *
   * @param name the task's name, for reports
   * @param body the task's code; its result is dropped
   */
  void go(String name, Body<?> body);

  /**
   * Like {@link #go(String, Body)}, with a generated name.
   *
   * @param body the task's code; its result is dropped
   */
  void go(Body<?> body);

  /**
   * Waits for a task and returns its result. A suspension point.
   *
   * @param <T> the type of the task's result
   * @param task the task to wait for, of this model
   * @return the task's result
   * @throws CompletionException with the task's failure as cause, if it failed
   * @throws CancellationException if the task was cancelled, or this task is
   */
  <T> T await(Task<T> task);

  /**
   * Waits for every task and returns their results in the order given. Stops at the first failure
   * (in completion order) and throws it as {@link #await} would; the other tasks go on running,
   * and failures it did not throw stay unretrieved. A suspension point.
   *
   * @param <T> the type of the tasks' results
   * @param tasks the tasks to wait for, of this model; empty gives an empty list
   * @return the results, in the order of {@code tasks}
   * @throws CompletionException with the first failure as cause
   * @throws CancellationException if the first task to fail was cancelled, or this task is
   */
  <T> List<T> awaitAll(Collection<? extends Task<? extends T>> tasks);

  /**
   * Waits for the first task to complete successfully and returns its result, like JavaScript's
   * {@code Promise.any}; the other tasks go on running (their later failures stay unretrieved). A
   * suspension point.
   *
   * @param <T> the type of the tasks' results
   * @param tasks the tasks to race; not empty
   * @return the result of the first task to succeed
   * @throws IllegalArgumentException if {@code tasks} is empty
   * @throws CompletionException if every task failed or was cancelled: the first failure is the
   *     cause and the others are suppressed in it
   */
  <T> T awaitAny(Collection<? extends Task<? extends T>> tasks);

  /**
   * Suspends this task for at least {@code duration} of the model's clock. A suspension point,
   * even for a zero duration.
   *
   * @param duration how long to sleep, on the model's clock; not negative
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  void sleep(Duration duration);

  /**
   * The model's monotonic clock in nanoseconds (virtual under simulation). Not a suspension point.
   *
   * @return the model's clock now, in nanoseconds; only differences between readings mean anything
   */
  long now();

  /**
   * Runs a blocking call (JDBC, a file, a legacy client) the way this model runs them: on a worker
   * pool while an event loop goes on, with the GIL released, or simply on the task's own virtual
   * thread. A suspension point: cancellation is observed before the call and after it returns.
   *
   * @param <T> the type of the call's result
   * @param call the blocking call
   * @return the call's result
   * @throws Exception whatever the call threw
   */
  <T> T blocking(Callable<T> call) throws Exception;

  /**
   * Runs a CPU-bound job where this model runs CPU work: inline on the calling task for most
   * models, in another process for process models (which makes it a suspension point there).
   *
   * @param <T> the type of the job's result
   * @param job the CPU-bound job
   * @return the job's result
   * @throws Exception whatever the job threw
   */
  <T> T compute(Job<T> job) throws Exception;

  /**
   * Marks a point in a long CPU loop where a preemptive model may switch tasks (the GIL's eval
   * breaker; a scheduling point under simulation). Cancellation is observed here on every model.
   */
  void checkpoint();

  /**
   * Creates a channel ({@code make(chan T, capacity)}).
   *
   * @param <T> the type of the values
   * @param capacity 0 for an unbuffered (rendezvous) channel, or the buffer size
   * @return the new, open channel
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  <T> Channel<T> channel(int capacity);

  /**
   * Like {@link #channel(int)}, with a name that the reports naming waits (a deadlock, a leak)
   * show beside the channel's number: for channels that stand for something, a mutex, a
   * semaphore, a queue.
   *
   * @param <T> the type of the values
   * @param capacity 0 for an unbuffered (rendezvous) channel, or the buffer size
   * @param name the name reports show
   * @return the new, open channel
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  <T> Channel<T> channel(int capacity, String name);

  /**
   * Starts a {@code select} over channel operations; finish it with {@link Select#run()}.
   *
   * @param <R> the type of the value the chosen case returns
   * @return a select with no cases yet, to add cases to and then run
   */
  <R> Select<R> select();

  /**
   * Runs {@code body} in this task with a deadline. If the deadline passes, the body observes a
   * {@link TimeoutCancellationException} at its next suspension point, and it propagates out of
   * this call. A body that finishes without reaching a suspension point after the deadline
   * returns normally. Timeouts nest: the innermost expired one is reported. A {@code
   * TimeoutCancellationException} that escapes a task's body fails the task (it is a timeout,
   * not a request to cancel), while a plain {@code CancellationException} cancels it.
   *
   * @param <T> the type of the body's result
   * @param timeout how long the body has, on the model's clock; not negative
   * @param body the code to run
   * @return what the body returned
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws Exception whatever the body threw
   */
  <T> T withTimeout(Duration timeout, Body<T> body) throws Exception;

  /**
   * Like {@link #withTimeout}, but a body cut off by this call's deadline makes it return {@code
   * onTimeout} instead of throwing (Kotlin's {@code withTimeoutOrNull}). A {@link
   * TimeoutCancellationException} of a timeout nested in the body that expires before this
   * deadline is the body's failure and propagates; once this deadline has passed, any counts as
   * this call's. A suspension point.
   *
   * @param <T> the type of the body's result
   * @param timeout the time the body has
   * @param onTimeout what to return if the deadline passes first ({@code null} allowed)
   * @param body the code to run
   * @return what the body returned, or {@code onTimeout}
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws Exception whatever the body threw, other than this call's timeout
   */
  <T> T withTimeoutOr(Duration timeout, T onTimeout, Body<T> body) throws Exception;

  /**
   * Runs {@code body} in this task with cancellation held off, for cleanup that has to wait:
   * returning a permit to a channel used as a semaphore, a graceful close, a final message (Kotlin's
   * {@code withContext(NonCancellable)}, Trio's shielded cancel scope). Inside it, suspension points
   * observe neither this task's cancellation nor the expiry of timeouts around the block; a
   * {@code withTimeout} inside the block works as usual, and is the way to bound the cleanup. The
   * cancellation stays requested: the first suspension point after the block observes it. Not a
   * suspension point itself, so it runs even in a task already cancelled:
   *
   * <pre>{@code
   * permits.send(TOKEN);                                  // acquire
   * try {
   *   ...                                                 // may be cancelled here
   * } finally {
   *   ctx.nonCancellable(c -> permits.receive());         // release, even when cancelled
   * }
   * }</pre>
   *
   * <p>A wait in the block that nothing answers holds the task until it is answered: a run's end or
   * a model's {@code close()} then waits for it up to the shutdown grace, and reports it as a task
   * that did not stop.
   *
   * @param <T> the type of the body's result
   * @param body the code to run
   * @return what the body returned
   * @throws Exception whatever the body threw
   */
  <T> T nonCancellable(Body<T> body) throws Exception;

  /**
   * Whether this task's next suspension point will throw: it has been asked to cancel (outside a
   * {@link #nonCancellable} block), or a {@link #withTimeout} it is still inside has expired. A
   * timeout the task has left, having caught its exception, no longer counts; one it has caught
   * inside its block still does, as in Kotlin.
   *
   * @return whether the next suspension point will throw
   */
  boolean isCancelled();

  /**
   * This task's name.
   *
   * @return the task's name, as given to spawn or generated
   */
  String taskName();

  /**
   * The traits of the model this task runs on.
   *
   * @return the model's traits
   */
  Traits traits();
}
