package io.execmodels.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Go's {@code select}: waits until one of several channel operations can proceed, performs that
 * one only, and runs its handler. Built by {@link Ctx#select()}, used once.
 *
 * <p>When several cases are ready, one is chosen uniformly at random. With a {@link
 * #onDefault default} case, {@link #run()} never waits: the default runs when no case is ready.
 * With a {@link #onTimeout timeout}, the timeout's handler runs if no case became ready in time.
 * A receive case on a closed channel is always ready and its handler gets {@code null}. A send case
 * on a closed channel fails the select with {@link ChannelClosedException}, as in Go.
 *
 * <p><b>As a statement.</b> Go's {@code select} is most often a statement: each case does
 * something, and nothing is returned. The {@code ...Do} cases ({@link #onReceiveDo}, {@link
 * #onSendDo}, {@link #onAwaitDo}, {@link #onDefaultDo}, {@link #onTimeoutDo}) take an action
 * instead of a handler; their case's result is {@code null}, so a select of them alone needs no
 * type argument and no {@code return null}:
 *
 * <pre>{@code
 * ctx.select()
 *     .onReceiveDo(jobs, job -> process(job))
 *     .onReceiveDo(done, ignored -> stop.set(true))
 *     .onTimeoutDo(Duration.ofSeconds(1), () -> log("idle"))
 *     .run();
 * }</pre>
 *
 * (They have names of their own because an overload taking a {@code Consumer} beside the one
 * taking a {@code Function} would be ambiguous for a lambda such as {@code v -> list.add(v)}.)
 *
 * <p>Not thread-safe: build and run it in one task.
 *
 * @param <R> the type of what the chosen handler returns
 */
public interface Select<R> {

  /**
   * Adds a receive case; {@code handler} gets the value, or {@code null} if the channel is
   * closed. A {@code null} channel is Go's nil channel: the case is never ready.
   *
   * @param <T> the type of the channel's values
   * @param channel the channel to receive from; {@code null} for a case never ready
   * @param handler maps the value received (or {@code null} once closed) to the select's result
   * @return this select, for chaining
   */
  <T> Select<R> onReceive(ReceiveChannel<T> channel, Function<? super T, ? extends R> handler);

  /**
   * Adds a receive case with Go's comma-ok ({@code case v, ok := <-ch:}): {@code handler} gets
   * the value with {@code ok} true, or {@link Received#closed()} when the channel is closed and
   * drained (such a case is always ready). A {@code null} channel is Go's nil channel: the case
   * is never ready.
   *
   * @param <T> the type of the channel's values
   * @param channel the channel to receive from; {@code null} for a case never ready
   * @param handler maps what was received, or the closed marker, to the select's result
   * @return this select, for chaining
   */
  default <T> Select<R> onReceiveOk(ReceiveChannel<T> channel,
      Function<? super Received<T>, ? extends R> handler) {
    // Channels never carry null, so onReceive's null is exactly "closed and drained".
    return onReceive(channel,
        v -> handler.apply(v == null ? Received.<T>closed() : Received.of(v)));
  }

  /**
   * Adds a send case of {@code value}; {@code handler} runs once the value is sent. A {@code null}
   * channel is Go's nil channel: the case is never ready.
   *
   * @param <T> the type of the channel's values
   * @param channel the channel to send on; {@code null} for a case never ready
   * @param value the value to send; not null
   * @param handler gives the select's result once the value is sent
   * @return this select, for chaining
   */
  <T> Select<R> onSend(SendChannel<T> channel, T value, Callable<? extends R> handler);

  /**
   * Adds a case that is ready once {@code task} is done (Kotlin's {@code onAwait}); taking it
   * retrieves the task's outcome as {@link Ctx#await} does: {@code handler} gets the result, and a
   * failure or cancellation is thrown by {@link #run()} instead ({@link
   * java.util.concurrent.CompletionException} with the failure as cause, or {@link
   * java.util.concurrent.CancellationException}). A {@code null} task is never ready, as a nil
   * channel.
   *
   * @param <T> the type of the task's result
   * @param task the task to wait for; {@code null} for a case never ready
   * @param handler maps the task's result to the select's result
   * @return this select, for chaining
   * @throws IllegalArgumentException if the task is not of this model, or is the calling task
   */
  <T> Select<R> onAwait(Task<T> task, Function<? super T, ? extends R> handler);

  /**
   * Adds a default case, chosen when no other case is ready at once. At most one.
   *
   * @param handler gives the select's result when no other case is ready
   * @return this select, for chaining
   */
  Select<R> onDefault(Callable<? extends R> handler);

  /**
   * Gives up after {@code timeout} of the model's clock and runs {@code handler}. At most one.
   *
   * @param timeout how long to wait for another case, on the model's clock
   * @param handler gives the select's result when the timeout passes first
   * @return this select, for chaining
   */
  Select<R> onTimeout(Duration timeout, Callable<? extends R> handler);

  /**
   * Adds a receive case as a statement ({@link #onReceive} with an action): {@code action} gets
   * the value, or {@code null} if the channel is closed, and the case's result is {@code null}.
   *
   * @param <T> the type of the channel's values
   * @param channel the channel to receive from; {@code null} for a case never ready
   * @param action what to do with the value received (or {@code null} once closed)
   * @return this select, for chaining
   */
  default <T> Select<R> onReceiveDo(ReceiveChannel<T> channel, Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return onReceive(channel, v -> {
      action.accept(v);
      return null;
    });
  }

  /**
   * Adds a send case as a statement ({@link #onSend} with an action): {@code action} runs once
   * the value is sent, and the case's result is {@code null}.
   *
   * @param <T> the type of the channel's values
   * @param channel the channel to send on; {@code null} for a case never ready
   * @param value the value to send; not null
   * @param action what to do once the value is sent
   * @return this select, for chaining
   */
  default <T> Select<R> onSendDo(SendChannel<T> channel, T value, Runnable action) {
    Objects.requireNonNull(action, "action");
    return onSend(channel, value, () -> {
      action.run();
      return null;
    });
  }

  /**
   * Adds a case for {@code task}'s completion as a statement ({@link #onAwait} with an action):
   * {@code action} gets the task's result (a failure or cancellation is thrown by {@link #run()}
   * as for {@link #onAwait}), and the case's result is {@code null}.
   *
   * @param <T> the type of the task's result
   * @param task the task to wait for; {@code null} for a case never ready
   * @param action what to do with the task's result
   * @return this select, for chaining
   * @throws IllegalArgumentException if the task is not of this model, or is the calling task
   */
  default <T> Select<R> onAwaitDo(Task<T> task, Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return onAwait(task, v -> {
      action.accept(v);
      return null;
    });
  }

  /**
   * Adds a default case as a statement ({@link #onDefault} with an action): {@code action} runs
   * when no other case is ready at once, and the case's result is {@code null}. At most one
   * default case, of either form.
   *
   * @param action what to do when no other case is ready
   * @return this select, for chaining
   */
  default Select<R> onDefaultDo(Runnable action) {
    Objects.requireNonNull(action, "action");
    return onDefault(() -> {
      action.run();
      return null;
    });
  }

  /**
   * Adds a timeout as a statement ({@link #onTimeout} with an action): {@code action} runs if no
   * case became ready within {@code timeout} of the model's clock, and the case's result is {@code
   * null}. At most one timeout, of either form.
   *
   * @param timeout how long to wait for another case, on the model's clock
   * @param action what to do when the timeout passes first
   * @return this select, for chaining
   */
  default Select<R> onTimeoutDo(Duration timeout, Runnable action) {
    Objects.requireNonNull(action, "action");
    return onTimeout(timeout, () -> {
      action.run();
      return null;
    });
  }

  /**
   * Waits for a case, performs it and returns what its handler returned. A suspension point
   * (unless a default case is given and taken). With no case at all it waits forever, as {@code
   * select {}} does, until the task is cancelled.
   *
   * @return what the chosen case's handler returned
   * @throws java.util.concurrent.CancellationException if the task is cancelled (or a {@link
   *     TimeoutCancellationException} if its timeout expires) before a case is taken; no case is
   *     then performed
   * @throws Exception whatever the chosen handler threw
   * @throws ChannelClosedException if the chosen case sends on a closed channel
   * @throws IllegalStateException if it has already run
   */
  R run() throws Exception;
}
