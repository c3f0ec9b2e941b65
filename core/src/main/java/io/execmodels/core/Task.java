package io.execmodels.core;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.concurrent.CompletableFuture;

/**
 * A task started by {@link Ctx#spawn} or {@link ExecutionModel#spawn}: a {@link ListenableFuture}
 * of its body's result.
 *
 * <p>A task completes exactly once: with its body's result, with its body's failure, or cancelled.
 * Cancelling completes the future at once (as {@link java.util.concurrent.Future#cancel} requires)
 * and asks the body to stop — with {@code cancel(false)} as with {@code cancel(true)}: nobody
 * wants the result any more. The body observes the request as a {@link
 * java.util.concurrent.CancellationException} at its next suspension point; a body that lets a
 * {@code CancellationException} escape ends the task cancelled, as in asyncio and Kotlin. The model still counts
 * the body as running until it has actually returned, and {@link ExecutionModel#close()} waits for
 * it.
 *
 * <p>A failure is <em>retrieved</em> when it is handed to someone: an await or {@link #get()} that
 * returns it, or a listener someone adds (including through {@link #toCompletableFuture()}). An
 * await that gives up before the task fails (cancelled, timed out, beaten in {@code awaitAny})
 * retrieves nothing. A failure still unretrieved when the task's run ends is reported by the
 * model's {@link UnhandledFailurePolicy}: never dropped.
 *
 * <p>Listeners run on the thread that completes the task, before its body counts as ended.
 *
 * <p>Thread-safe. Inside a model, prefer {@link Ctx#await(Task)} to {@link #get()}: {@code get}
 * blocks the carrier thread instead of suspending the task.
 *
 * @param <T> the result type
 */
public interface Task<T> extends ListenableFuture<T> {

  /**
   * The task's name, as given to spawn or generated ({@code task-<n>}).
   *
   * @return the task's name
   */
  String name();

  /**
   * Asks the task to stop, as {@code cancel(true)}.
   *
   * @return whether this call cancelled it (false if it had already completed)
   */
  default boolean cancel() {
    return cancel(true);
  }

  /**
   * A {@link CompletableFuture} that completes as this task does. Completing or cancelling the
   * returned future does not affect the task.
   *
   * @return a future of the task's outcome
   */
  CompletableFuture<T> toCompletableFuture();
}
