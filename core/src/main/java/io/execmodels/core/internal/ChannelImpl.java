package io.execmodels.core.internal;

import io.execmodels.core.Channel;
import io.execmodels.core.ChannelClosedException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one channel implementation, for every model, built on park and unpark.
 *
 * <p>Invariants, all under {@code lock}:
 *
 * <ul>
 *   <li>If {@code receivers} is not empty, the buffer is empty: a value arriving with a receiver
 *       waiting goes straight to it.
 *   <li>If {@code senders} is not empty, the buffer is full (for an unbuffered channel: always).
 *       When a receive frees a slot, the oldest sender's value moves into it, so per-sender order
 *       holds and no sender waits while there is room.
 *   <li>Once {@code closed}, both queues are empty and stay so: close completes every waiter, and
 *       no operation queues on a closed channel.
 *   <li>A queued waiter may belong to a selection that another case already won (or that gave up).
 *       Whoever dequeues it claims it first and, failing, drops it and takes the next one: a
 *       claimed waiter never receives or gives a value.
 * </ul>
 *
 * <p>A waiting task is woken by the winner of its selection, after the transfer, so it only ever
 * sees finished operations. A task that must stop (cancelled, timed out) claims its own selection
 * to withdraw; if that claim fails, a transfer is under way, and it waits for it to complete
 * instead: a value is never lost to a cancellation.
 *
 * @param <T> the value type
 */
final class ChannelImpl<T> implements Channel<T> {

  /** Marks a closed channel where a value would be: in a waiter's item, or as a receive result. */
  static final Object CLOSED = new Object();
  /** A receive result: nothing to receive without waiting. */
  static final Object EMPTY = new Object();

  private static final AtomicLong IDS = new AtomicLong();

  /** Orders channels for locking several at once (select). */
  final long id = IDS.incrementAndGet();
  final ChannelLock lock = new ChannelLock();
  private final ModelRuntime runtime;
  private final int capacity;
  private final ArrayDeque<Object> buffer;
  private final WaitQueue receivers = new WaitQueue();
  private final WaitQueue senders = new WaitQueue();
  private boolean closed;
  /** What the last locked operation completed, to wake after unlocking (see {@link #takeWake}). */
  private Selection toWake;

  ChannelImpl(ModelRuntime runtime, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("channel capacity must not be negative, was " + capacity);
    }
    this.runtime = runtime;
    this.capacity = capacity;
    this.buffer = new ArrayDeque<>(Math.min(capacity, 16));
  }

  ModelRuntime runtime() {
    return runtime;
  }

  @Override
  public void send(T value) {
    Objects.requireNonNull(value, "channels do not carry null");
    TaskImpl<?> task = runtime.requireTask("Channel.send");
    task.checkCancelled();
    Waiter w = null;
    Selection wake;
    lock.lock();
    try {
      if (!sendNow(value)) {
        w = task.channelWaiter("send on", this, true, value);
        runtime.blocked(task, w.selection);
        senders.add(w);
      }
      wake = takeWake();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.wake();
    }
    if (w == null) {
      return;
    }
    Object outcome;
    try {
      await(task, w);
      outcome = w.item;
    } finally {
      task.doneWith(w);
    }
    if (outcome == CLOSED) {
      throw new ChannelClosedException("send on closed channel");
    }
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

  /** Receives a value, or returns {@link #CLOSED} once the channel is closed and drained. */
  private Object receiveOrClosed(String operation) {
    TaskImpl<?> task = runtime.requireTask(operation);
    task.checkCancelled();
    Waiter w = null;
    Object v;
    Selection wake;
    lock.lock();
    try {
      v = receiveNow();
      if (v == EMPTY) {
        w = task.channelWaiter("receive on", this, false, null);
        runtime.blocked(task, w.selection);
        receivers.add(w);
      }
      wake = takeWake();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.wake();
    }
    if (w == null) {
      return v;
    }
    try {
      await(task, w);
      return w.item;
    } finally {
      task.doneWith(w);
    }
  }

  /** Waits until {@code w}'s operation is done, or withdraws it and throws if the task must stop. */
  private void await(TaskImpl<?> task, Waiter w) {
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

  @Override
  public boolean trySend(T value) {
    Objects.requireNonNull(value, "channels do not carry null");
    boolean sent;
    Selection wake;
    lock.lock();
    try {
      sent = sendNow(value);
      wake = takeWake();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.wake();
    }
    return sent;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T tryReceive() {
    Object v;
    Selection wake;
    lock.lock();
    try {
      v = receiveNow();
      wake = takeWake();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.wake();
    }
    return v == EMPTY || v == CLOSED ? null : (T) v;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("close of closed channel");
      }
      closed = true;
      completeAllClosed(receivers);
      completeAllClosed(senders);
    } finally {
      lock.unlock();
    }
  }

  private static void completeAllClosed(WaitQueue queue) {
    for (Waiter w; (w = queue.poll()) != null; ) {
      if (w.claim()) {
        w.item = CLOSED;
        w.selection.complete();
      }
    }
  }

  @Override
  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int size() {
    lock.lock();
    try {
      return buffer.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int capacity() {
    return capacity;
  }

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

  // The operations below run with the lock held. A waiter they complete is left in toWake.

  /**
   * Sends without waiting if a receiver waits or the buffer has room.
   *
   * @throws ChannelClosedException if closed
   */
  boolean sendNow(Object value) {
    if (closed) {
      throw new ChannelClosedException("send on closed channel");
    }
    for (Waiter r; (r = receivers.poll()) != null; ) {
      if (r.claim()) {
        r.item = value;
        r.selection.completeQuietly();
        toWake = r.selection;
        return true;
      }
    }
    if (buffer.size() < capacity) {
      buffer.addLast(value);
      return true;
    }
    return false;
  }

  /** Receives without waiting: a value, {@link #CLOSED} if closed and drained, else {@link #EMPTY}. */
  Object receiveNow() {
    if (!buffer.isEmpty()) {
      Object v = buffer.pollFirst();
      for (Waiter s; (s = senders.poll()) != null; ) {
        if (s.claim()) {
          buffer.addLast(s.item);
          s.selection.completeQuietly();
          toWake = s.selection;
          break;
        }
      }
      return v;
    }
    for (Waiter s; (s = senders.poll()) != null; ) {
      if (s.claim()) {
        Object v = s.item;
        s.selection.completeQuietly();
        toWake = s.selection;
        return v;
      }
    }
    return closed ? CLOSED : EMPTY;
  }

  /**
   * The selection the operation just done under the lock completed, if any, to {@link
   * Selection#wake()} once the lock is released. Read it before unlocking: the next holder
   * overwrites it.
   */
  Selection takeWake() {
    Selection s = toWake;
    toWake = null;
    return s;
  }

  /** Queues a waiter that found nothing to do now. */
  void enqueue(Waiter w) {
    (w.sender ? senders : receivers).add(w);
  }

  /** Takes {@code w} off its queue if it is still there; takes the lock. */
  void withdraw(Waiter w) {
    lock.lock();
    try {
      (w.sender ? senders : receivers).remove(w);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "Channel#" + id + "[capacity=" + capacity + "]";
  }
}
