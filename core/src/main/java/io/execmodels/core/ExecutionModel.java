package io.execmodels.core;

import java.util.concurrent.RejectedExecutionException;

/**
 * A running concurrency model: the place tasks run. Opened by {@link ExecutionModels}; closed
 * with {@link #close()}.
 *
 * <p><b>Runs.</b> {@link #run(Body)} enters the model from outside (a {@code main}, a test) and
 * waits for the body, like {@code asyncio.run}: when the body returns, tasks it spawned
 * (transitively) that are still running are cancelled and waited for, and failures nobody
 * retrieved are handled by the {@link UnhandledFailurePolicy}. Several runs may proceed at once
 * from different threads.
 *
 * <p><b>Shutdown.</b> {@link #close()} is graceful: it stops new work from outside, waits up to
 * {@link Config#shutdownGrace()} for running tasks, cancels the rest and waits for them to return,
 * then stops the model's threads. {@link #shutdownNow()} cancels at once. After either, no task
 * and no thread of the model is left running — except a task that never reaches a suspension point,
 * which nothing can stop: {@code close()} then fails, naming it.
 *
 * <p>Thread-safe.
 */
public interface ExecutionModel extends AutoCloseable {

  /**
   * The name it was opened by ({@code csp}, {@code eventloop}...).
   *
   * @return the model's name
   */
  String name();

  /**
   * What the model promises about parallelism, preemption, memory and I/O.
   *
   * @return the model's traits
   */
  Traits traits();

  /**
   * A snapshot of its counters.
   *
   * @return the counters now
   */
  Stats stats();

  /**
   * Runs {@code body} as a task of this model and waits for it, from a thread that is not a task of
   * this model. Blocks the calling thread.
   *
   * @param <T> the type of the body's result
   * @param body the code to run as the run's first task
   * @return the body's result
   * @throws Exception what the body threw, with any unhandled failures of the run suppressed in it
   * @throws UnhandledFailureException if the body succeeded but a task of the run failed unretrieved
   *     (under {@link UnhandledFailurePolicy#FAIL_RUN})
   * @throws InterruptedException if the calling thread is interrupted while waiting (the run is
   *     then cancelled and waited for)
   * @throws LeakException if {@link Config#leakCheck() leak checking} is on and tasks of the run
   *     were still running when the body returned (they were cancelled)
   * @throws DeadlockException if every task of the run waited on another (models that detect it)
   * @throws IllegalStateException if called from a task of this model (use {@link Ctx#spawn})
   * @throws RejectedExecutionException if the model is closed
   */
  <T> T run(Body<T> body) throws Exception;

  /**
   * Starts a task from outside the model and returns at once. Its failure, if nobody retrieves it,
   * is handled when the model closes.
   *
   * @param <T> the type of the task's result
   * @param body the task's code
   * @return the new task
   * @throws RejectedExecutionException if the model is closed
   */
  <T> Task<T> spawn(Body<T> body);

  /**
   * Graceful shutdown (see the class comment). Idempotent; blocks until done.
   *
   * <p>When it returns, every task's body has returned and the model's threads have done their
   * last work: each is at most finishing its exit, so {@link Thread#join()} returns promptly.
   *
   * @throws UnhandledFailureException if tasks spawned outside any run failed unretrieved (under
   *     {@link UnhandledFailurePolicy#FAIL_RUN}); the model is closed all the same
   * @throws IllegalStateException naming the tasks that never stopped after being cancelled; the
   *     model's own threads are stopped all the same
   */
  @Override
  void close();

  /**
   * Cancels every task at once, then closes as {@link #close()} does: it blocks until the tasks
   * have returned and the model's threads have stopped, and throws what {@code close()} throws.
   *
   * @throws IllegalStateException if called from a task of this model (it would wait for itself)
   */
  void shutdownNow();

  /**
   * Whether {@link #close()} or {@link #shutdownNow()} has been called.
   *
   * @return whether the model is closed or closing
   */
  boolean isClosed();
}
