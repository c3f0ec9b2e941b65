package io.execmodels.gilsim.futures;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code concurrent.futures.Future}: the pending result of a task given to an {@link Executor}.
 *
 * <p><b>States</b> ({@link FutureState}): {@code PENDING → RUNNING → FINISHED}, or {@code PENDING
 * → CANCELLED}. {@link #cancel()} succeeds only while pending (and on a future already cancelled);
 * a running or finished one stays as it is.
 *
 * <p><b>Waiting.</b> {@link #result(Duration)} and {@link #exception(Duration)} block until the
 * future is done or the timeout passes ({@code null}: no limit; zero or negative: no wait), with
 * the calling thread's GIL released meanwhile. A task's exception is thrown as the cause of an
 * {@link ExecutionException}; a cancelled future throws {@link CancelledError}; a timeout {@link
 * TimeoutException}, leaving the future as it was.
 *
 * <p><b>Callbacks</b> ({@link #addDoneCallback}) run in the order they were added, in the thread
 * that completes or cancels the future, after waiters have been woken; one added to a future
 * already done runs at once in the caller's thread. A callback's exception is logged ({@code
 * "exception calling callback for ..."}, {@link System.Logger} {@code io.execmodels.gilsim.futures}
 * at ERROR) and swallowed, so the next callback still runs.
 *
 * <p>Thread-safe. The public constructor and {@link #setRunningOrNotifyCancel}, {@link
 * #setResult} and {@link #setException} are for executor implementations and tests, as in
 * CPython.
 *
 * @param <T> the result type
 */
public final class Future<T> {
  private static final System.Logger LOG = System.getLogger("io.execmodels.gilsim.futures");

  /** Counted down once, when the future becomes done: what waits block on, without our lock. */
  private final CountDownLatch done = new CountDownLatch(1);
  /**
   * Asked by {@link #cancel()} of a pending future whose task lives elsewhere (a process pool's
   * queue): whether it could still be withdrawn there. Null for tasks only we hold.
   */
  private final BooleanSupplier withdraw;

  // Guarded by this.
  private FutureState state = FutureState.PENDING;
  private T result;
  private Throwable exception;
  private List<Consumer<? super Future<T>>> callbacks = new ArrayList<>();
  /** Waiters of {@link Futures#wait} and {@link Futures#asCompleted}: woken before callbacks. */
  private List<Consumer<Future<?>>> waiters = new ArrayList<>();

  /** A pending future, for an executor implementation to complete. */
  public Future() {
    this(null);
  }

  Future(BooleanSupplier withdraw) {
    this.withdraw = withdraw;
  }

  /**
   * The current state.
   *
   * @return the state now
   */
  public synchronized FutureState state() {
    return state;
  }

  /**
   * Cancels the future if it is still pending. Never blocks on the task.
   *
   * @return true if it is cancelled now (also if it was before); false if it is running or
   *     finished
   */
  public boolean cancel() {
    synchronized (this) {
      if (state == FutureState.CANCELLED) {
        return true;
      }
      if (state != FutureState.PENDING) {
        return false;
      }
    }
    if (withdraw != null && !withdraw.getAsBoolean()) {
      // Its executor has handed it on (a child holds it): running, as CPython calls a task that
      // reached its call queue.
      synchronized (this) {
        if (state == FutureState.PENDING) {
          state = FutureState.RUNNING;
        }
        return state == FutureState.CANCELLED;
      }
    }
    return cancelPending();
  }

  /** Cancels if pending, then wakes waiters and runs callbacks. */
  boolean cancelPending() {
    synchronized (this) {
      if (state == FutureState.CANCELLED) {
        return true;
      }
      if (state != FutureState.PENDING) {
        return false;
      }
      state = FutureState.CANCELLED;
    }
    completed();
    return true;
  }

  /**
   * Whether it was cancelled.
   *
   * @return whether it was cancelled
   */
  public synchronized boolean cancelled() {
    return state == FutureState.CANCELLED;
  }

  /**
   * Whether a worker is running it.
   *
   * @return whether it is running now
   */
  public synchronized boolean running() {
    return state == FutureState.RUNNING;
  }

  /**
   * Whether it finished or was cancelled.
   *
   * @return whether it is done: finished or cancelled
   */
  public synchronized boolean done() {
    return state == FutureState.CANCELLED || state == FutureState.FINISHED;
  }

  /**
   * {@link #result(Duration)} with no timeout.
   *
   * @return the task's result
   * @throws ExecutionException caused by the task's exception
   * @throws InterruptedException if interrupted while waiting
   */
  public T result() throws ExecutionException, InterruptedException {
    try {
      return result(null);
    } catch (TimeoutException e) {
      throw new AssertionError("no timeout, yet timed out", e);
    }
  }

  /**
   * The task's result, waiting up to {@code timeout} ({@code null}: no limit) with the GIL
   * released.
   *
   * @param timeout the longest to wait; {@code null} for no limit
   * @return the task's result
   * @throws ExecutionException caused by the task's exception
   * @throws CancelledError if the future was cancelled
   * @throws TimeoutException if it is not done in time
   * @throws InterruptedException if interrupted while waiting
   */
  public T result(Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    await(timeout);
    synchronized (this) {
      if (state == FutureState.CANCELLED) {
        throw new CancelledError(null);
      }
      if (exception != null) {
        throw new ExecutionException(exception);
      }
      return result;
    }
  }

  /**
   * {@link #exception(Duration)} with no timeout.
   *
   * @return the task's exception, or {@code null} if it returned normally
   * @throws InterruptedException if interrupted while waiting
   */
  public Throwable exception() throws InterruptedException {
    try {
      return exception(null);
    } catch (TimeoutException e) {
      throw new AssertionError("no timeout, yet timed out", e);
    }
  }

  /**
   * The task's exception, or null if it returned normally, waiting up to {@code timeout} ({@code
   * null}: no limit) with the GIL released.
   *
   * @param timeout the longest to wait; {@code null} for no limit
   * @return the task's exception, or {@code null} if it returned normally
   * @throws CancelledError if the future was cancelled
   * @throws TimeoutException if it is not done in time
   * @throws InterruptedException if interrupted while waiting
   */
  public Throwable exception(Duration timeout) throws TimeoutException, InterruptedException {
    await(timeout);
    synchronized (this) {
      if (state == FutureState.CANCELLED) {
        throw new CancelledError(null);
      }
      return exception;
    }
  }

  private void await(Duration timeout) throws TimeoutException, InterruptedException {
    if (done.getCount() == 0) {
      return;
    }
    long nanos = Deadlines.nanos(timeout);
    boolean ok = Gil.blockOn(() -> done.await(nanos, TimeUnit.NANOSECONDS));
    if (!ok) {
      throw new TimeoutException();
    }
  }

  /**
   * Adds a callback, called with this future once it is done: in the completing thread, or at
   * once in this thread if it is done already. Its exceptions are logged and swallowed.
   *
   * @param fn the callback, given this future
   */
  public void addDoneCallback(Consumer<? super Future<T>> fn) {
    Objects.requireNonNull(fn, "fn");
    synchronized (this) {
      if (!isDone()) {
        callbacks.add(fn);
        return;
      }
    }
    invoke(fn);
  }

  /**
   * Marks the future running, as a worker does before it runs the task; for a future already
   * cancelled, returns false (the worker then skips the task).
   *
   * @return {@code true} if now running; {@code false} if cancelled (skip the task)
   * @throws InvalidStateError if it is running or finished already
   */
  public boolean setRunningOrNotifyCancel() {
    synchronized (this) {
      if (state == FutureState.CANCELLED) {
        return false;
      }
      if (state != FutureState.PENDING) {
        throw new InvalidStateError("Future in unexpected state: " + describe());
      }
      state = FutureState.RUNNING;
      return true;
    }
  }

  /**
   * Completes the future with {@code value}.
   *
   * @param value the task's result; may be {@code null}
   * @throws InvalidStateError if it is done already ({@code "FINISHED: <Future ...>"})
   */
  public void setResult(T value) {
    synchronized (this) {
      requireNotDone();
      result = value;
      state = FutureState.FINISHED;
    }
    completed();
  }

  /**
   * Completes the future with {@code failure}.
   *
   * @param failure the task's exception
   * @throws InvalidStateError if it is done already
   */
  public void setException(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    synchronized (this) {
      requireNotDone();
      exception = failure;
      state = FutureState.FINISHED;
    }
    completed();
  }

  /** Completes with {@code failure} unless done already; whether it did. */
  boolean failIfNotDone(Throwable failure) {
    synchronized (this) {
      if (isDone()) {
        return false;
      }
      exception = failure;
      state = FutureState.FINISHED;
    }
    completed();
    return true;
  }

  /** Completes with {@code value} unless done already. */
  void succeedIfNotDone(T value) {
    synchronized (this) {
      if (isDone()) {
        return;
      }
      result = value;
      state = FutureState.FINISHED;
    }
    completed();
  }

  private void requireNotDone() {
    if (isDone()) {
      throw new InvalidStateError(state + ": " + describe());
    }
  }

  /** Whether it finished with an exception. */
  synchronized boolean failed() {
    return state == FutureState.FINISHED && exception != null;
  }

  private boolean isDone() {
    return state == FutureState.CANCELLED || state == FutureState.FINISHED;
  }

  /**
   * Registers a waiter of {@code wait}/{@code asCompleted}: called once, when done, or at once if
   * done already. Waiters never throw.
   */
  void addWaiter(Consumer<Future<?>> waiter) {
    synchronized (this) {
      if (!isDone()) {
        waiters.add(waiter);
        return;
      }
    }
    waiter.accept(this);
  }

  synchronized void removeWaiter(Consumer<Future<?>> waiter) {
    if (waiters != null) {
      waiters.remove(waiter);
    }
  }

  /** After the final state is set: wakes waiters, then runs callbacks, outside our lock. */
  private void completed() {
    List<Consumer<Future<?>>> w;
    List<Consumer<? super Future<T>>> c;
    synchronized (this) {
      w = waiters;
      c = callbacks;
      waiters = null;
      callbacks = null;
    }
    done.countDown();
    for (Consumer<Future<?>> waiter : w) {
      waiter.accept(this);
    }
    for (Consumer<? super Future<T>> fn : c) {
      invoke(fn);
    }
  }

  private void invoke(Consumer<? super Future<T>> fn) {
    try {
      fn.accept(this);
    } catch (RuntimeException | Error e) {
      // CPython logs and goes on: one bad callback must not keep the others from running, nor
      // fail the worker that completed the future.
      LOG.log(System.Logger.Level.ERROR, "exception calling callback for " + this, e);
    }
  }

  private String describe() {
    StringBuilder s = new StringBuilder("<Future at 0x")
        .append(Integer.toHexString(System.identityHashCode(this)))
        .append(" state=").append(state.pythonName());
    if (state == FutureState.FINISHED) {
      if (exception != null) {
        s.append(" raised ").append(exception.getClass().getSimpleName());
      } else {
        s.append(" returned ").append(result == null ? "null" : result.getClass().getSimpleName());
      }
    }
    return s.append('>').toString();
  }

  /** CPython's repr: {@code <Future at 0x... state=finished returned Integer>}. */
  @Override
  public synchronized String toString() {
    return describe();
  }
}
