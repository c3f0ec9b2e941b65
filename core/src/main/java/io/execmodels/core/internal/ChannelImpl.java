package io.execmodels.core.internal;

import io.execmodels.core.Channel;
import io.execmodels.core.ChannelClosedException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every channel shares, whatever carries its values: the identity select locks by, the lock
 * and the two queues of waiting tasks, the way a task waits, and the hooks {@link SelectImpl} runs
 * cases through. Two kinds exist, made by {@link #create}: {@link SyncChannel} (capacity 0: every
 * send meets a receive, the value passes from waiter to waiter under the lock) and {@link
 * BufferedChannel} (values go through a lock-free ring; waiters are served from it under the
 * lock).
 *
 * <p>Common rules, whatever the kind:
 *
 * <ul>
 *   <li>The queues are guarded by {@link #lock}. Core never parks, blocks or
 *       runs user code while it holds a channel lock (see {@link ChannelLock}).
 *   <li>A queued waiter may belong to a selection that another case already won (or that gave up).
 *       Whoever dequeues it claims it first and, failing, drops it and takes the next one: a
 *       claimed waiter is completed exactly once, by its claimer.
 *   <li>A waiting task is woken by the winner of its selection, after the winner's work, so it only
 *       ever sees finished operations. A task that must stop (cancelled, timed out) claims its own
 *       selection to withdraw; if that claim fails, the winner's work is under way, and it waits
 *       for it to complete instead: a value is never lost to a cancellation.
 * </ul>
 *
 * @param <T> the value type
 */
abstract sealed class ChannelImpl<T> implements Channel<T> permits SyncChannel, BufferedChannel {

  /** Marks a closed channel where a value would be: in a waiter's item, or as a receive result. */
  static final Object CLOSED = new Object();
  /** A receive result: nothing to receive without waiting. */
  static final Object EMPTY = new Object();
  /** A waiter's item on a buffered channel: woken to try again, as the ring changed under it. */
  static final Object RETRY = new Object();

  private static final AtomicLong IDS = new AtomicLong();

  /** Orders channels for locking several at once (select). */
  final long id = IDS.incrementAndGet();
  final ChannelLock lock = new ChannelLock();
  final ModelRuntime runtime;
  final WaitQueue receivers = new WaitQueue();
  final WaitQueue senders = new WaitQueue();
  /**
   * The name reports show, or null; set once by its creator before the channel is shared, and
   * read only by {@link #toString}.
   */
  String name;

  ChannelImpl(ModelRuntime runtime) {
    this.runtime = runtime;
  }

  /** A channel of {@code capacity}: unbuffered if 0. */
  static <T> ChannelImpl<T> create(ModelRuntime runtime, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("channel capacity must not be negative, was " + capacity);
    }
    return capacity == 0 ? new SyncChannel<>(runtime) : new BufferedChannel<>(runtime, capacity);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T receive() {
    Object v = receiveOrClosed("Channel.receive");
    if (v == CLOSED) {
      throw new ChannelClosedException("receive on closed channel");
    }
    return (T) v;
  }

  @Override
  public final boolean trySend(T value) {
    Objects.requireNonNull(value, "channels do not carry null");
    runtime.scheduler.synchronizes(this);
    return selectNow(true, value) != EMPTY;
  }

  @Override
  @SuppressWarnings("unchecked")
  public final T tryReceive() {
    runtime.scheduler.synchronizes(this);
    Object v = selectNow(false, null);
    return v == EMPTY || v == CLOSED ? null : (T) v;
  }

  /** Receives a value, or returns {@link #CLOSED} once the channel is closed and drained. */
  abstract Object receiveOrClosed(String operation);

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private Object next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          next = receiveOrClosed("Channel iteration");
        }
        return next != CLOSED;
      }

      @Override
      @SuppressWarnings("unchecked")
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException("channel closed");
        }
        T v = (T) next;
        next = null;
        return v;
      }
    };
  }

  /** Waits for {@code w}'s operation, or withdraws it and throws if the task must stop. */
  final void await(TaskImpl<?> task, Waiter w) {
    Selection selection = w.selection;
    runtime.checkDeadlock(task);
    try {
      while (!selection.completed) {
        if (task.mustStop() && selection.claim(Selection.ABORTED)) {
          withdraw(w);
          task.checkCancelled();
        }
        task.park(this);
      }
    } finally {
      task.unblock();
    }
  }

  // The hooks select runs its cases through. A result is the received item (or CLOSED) for a
  // receive, null for a send that went through, or EMPTY for a case that cannot proceed now. A
  // send on a closed channel throws ChannelClosedException.

  /** Performs a case if it can proceed now, taking and releasing the lock as needed. */
  abstract Object selectNow(boolean send, Object value);

  /**
   * Performs a case if it can proceed now, with the lock held and none of the caller's waiters
   * queued here. A waiter it completes is woken when the caller leaves with {@link
   * ChannelLock#unlockThenWake}.
   */
  abstract Object selectLocked(boolean send, Object value);

  /**
   * Performs a case with the lock held, after the caller's waiters were queued here: the check
   * that closes the race with an operation that did not take the lock (see {@link
   * BufferedChannel}). It must not touch the queues: they hold the caller's own waiters, which the
   * caller withdraws before calling {@link #afterRecheckLocked}.
   */
  abstract Object recheckLocked(boolean send, Object value);

  /** Finishes a case that {@link #recheckLocked} performed, once the caller's waiters are gone. */
  abstract void afterRecheckLocked(boolean send);

  /**
   * Completes {@code s}, a selection claimed under the lock: its task is woken once the lock is
   * released ({@link ChannelLock#deferWake}), or at once if a wake-up is already deferred.
   */
  final void completeLocked(Selection s) {
    if (lock.deferWake(s)) {
      s.completeQuietly();
    } else {
      s.complete();
    }
  }

  /** Queues a waiter that found nothing to do now; the lock is held. */
  final void enqueue(Waiter w) {
    (w.sender ? senders : receivers).add(w);
  }

  /** Takes {@code w} off its queue if it is still there; the lock is held. */
  final void dequeueLocked(Waiter w) {
    (w.sender ? senders : receivers).remove(w);
  }

  /** Takes {@code w} off its queue if it is still there; takes the lock. */
  final void withdraw(Waiter w) {
    lock.lock();
    try {
      dequeueLocked(w);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return (name != null ? "Channel '" + name + "'#" : "Channel#") + id
        + "[capacity=" + capacity() + "]";
  }
}
