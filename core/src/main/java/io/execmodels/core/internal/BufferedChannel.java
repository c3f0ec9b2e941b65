package io.execmodels.core.internal;

import io.execmodels.core.ChannelClosedException;
import java.util.Objects;

/**
 * A buffered channel: values go through a lock-free {@link ChannelRing}; the lock and the queues
 * are only for tasks that must wait.
 *
 * <p><b>Fast paths.</b> A send that finds room and a receive that finds a value touch only the
 * ring, then read the other side's waiter count; only when someone waits there do they take the
 * lock, to wake one waiter. Neither allocates.
 *
 * <p><b>Waiters retry.</b> A waiting task is not handed a value (nor relieved of one): it is woken
 * with {@link #RETRY} when the ring may let it proceed, and tries again, lock-free. So a value is
 * always in the ring or in a task's hands, never in a waiter, and nothing can be lost between a
 * wake-up and a cancellation. The price: a task arriving just then may go before the woken one, as
 * with a barging lock; the woken task then waits again.
 *
 * <p><b>No lost wake-up.</b> A task that must wait queues its waiter (a volatile write of the
 * queue's count, in {@link WaitQueue#add}), then tries the ring once more, under the lock. A task
 * on the fast path changes the ring (a volatile compare-and-set of {@code tail} or {@code head}),
 * then reads the count. Volatile accesses are sequentially consistent, so of the two tasks at least
 * one sees the other's write: either the waiter's second try finds the value (or the room), or the
 * fast task sees the waiter and wakes it. The same holds for a select, which queues its waiters on
 * every channel and then rechecks each buffered one ({@link #recheckLocked}).
 *
 * <p><b>Close</b> sets the ring's closed bit, then wakes every waiter: receivers drain what the ring
 * holds and then see {@link #CLOSED}; senders find the ring closed and throw.
 *
 * @param <T> the value type
 */
final class BufferedChannel<T> extends ChannelImpl<T> {
  private final ChannelRing ring;

  BufferedChannel(ModelRuntime runtime, int capacity) {
    super(runtime);
    this.ring = new ChannelRing(capacity);
  }

  @Override
  public void send(T value) {
    Objects.requireNonNull(value, "channels do not carry null");
    TaskImpl<?> task = runtime.requireTask("Channel.send");
    task.checkCancelled();
    for (; ; ) {
      ChannelRing.Offer r = ring.offer(value);
      if (r == ChannelRing.Offer.SENT) {
        wakeOne(receivers);
        return;
      }
      if (r == ChannelRing.Offer.CLOSED) {
        throw new ChannelClosedException("send on closed channel");
      }
      if (sendOrWait(task, value)) {
        return;
      }
    }
  }

  /**
   * The slow path of a send to a full ring: under the lock, queues a waiter and tries once more.
   * Returns true if the value was sent; false after a wait the task was woken from to retry.
   */
  private boolean sendOrWait(TaskImpl<?> task, Object value) {
    Waiter w = task.channelWaiter("send on", this, true, value);
    ChannelRing.Offer r;
    Selection wake;
    lock.lock();
    try {
      senders.add(w);
      r = ring.offer(value);
      if (r == ChannelRing.Offer.FULL) {
        runtime.blocked(task, w.selection);
      } else {
        senders.remove(w);
        if (r == ChannelRing.Offer.SENT) {
          wakeOneLocked(receivers);
        }
      }
      wake = takeWake();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.wake();
    }
    try {
      if (r == ChannelRing.Offer.FULL) {
        await(task, w);
      }
    } finally {
      task.doneWith(w);
    }
    if (r == ChannelRing.Offer.CLOSED) {
      throw new ChannelClosedException("send on closed channel");
    }
    return r == ChannelRing.Offer.SENT;
  }

  @Override
  Object receiveOrClosed(String operation) {
    TaskImpl<?> task = runtime.requireTask(operation);
    task.checkCancelled();
    for (; ; ) {
      Object v = ring.poll();
      if (v != EMPTY) {
        if (v != CLOSED) {
          wakeOne(senders);
        }
        return v;
      }
      v = receiveOrWait(task);
      if (v != EMPTY) {
        return v;
      }
    }
  }

  /**
   * The slow path of a receive from an empty ring: under the lock, queues a waiter and tries once
   * more. Returns the value (or {@link #CLOSED}) if that try found one; {@link #EMPTY} after a wait
   * the task was woken from to retry.
   */
  private Object receiveOrWait(TaskImpl<?> task) {
    Waiter w = task.channelWaiter("receive on", this, false, null);
    Object v;
    Selection wake;
    lock.lock();
    try {
      receivers.add(w);
      v = ring.poll();
      if (v == EMPTY) {
        runtime.blocked(task, w.selection);
      } else {
        receivers.remove(w);
        if (v != CLOSED) {
          wakeOneLocked(senders);
        }
      }
      wake = takeWake();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.wake();
    }
    try {
      if (v == EMPTY) {
        await(task, w);
      }
    } finally {
      task.doneWith(w);
    }
    return v;
  }

  @Override
  public boolean trySend(T value) {
    Objects.requireNonNull(value, "channels do not carry null");
    return selectNow(true, value) != EMPTY;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T tryReceive() {
    Object v = selectNow(false, null);
    return v == EMPTY || v == CLOSED ? null : (T) v;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!ring.close()) {
        throw new IllegalStateException("close of closed channel");
      }
      wakeAllLocked(receivers);
      wakeAllLocked(senders);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isClosed() {
    return ring.isClosed();
  }

  @Override
  public int size() {
    return ring.size();
  }

  @Override
  public int capacity() {
    return ring.capacity();
  }

  @Override
  Object selectNow(boolean send, Object value) {
    Object result = ringOp(send, value);
    if (result != EMPTY && result != CLOSED) {
      wakeOne(send ? receivers : senders);
    }
    return result;
  }

  @Override
  Object selectLocked(boolean send, Object value) {
    Object result = ringOp(send, value);
    if (result != EMPTY && result != CLOSED) {
      wakeOneLocked(send ? receivers : senders);
    }
    return result;
  }

  @Override
  Object recheckLocked(boolean send, Object value) {
    return ringOp(send, value);
  }

  @Override
  void afterRecheckLocked(boolean send) {
    wakeOneLocked(send ? receivers : senders);
  }

  /** One try on the ring, in select's terms. */
  private Object ringOp(boolean send, Object value) {
    if (!send) {
      return ring.poll();
    }
    ChannelRing.Offer r = ring.offer(value);
    if (r == ChannelRing.Offer.CLOSED) {
      throw new ChannelClosedException("send on closed channel");
    }
    return r == ChannelRing.Offer.SENT ? null : EMPTY;
  }

  /**
   * After a send (or receive) changed the ring: wakes one waiting receiver (or sender), if any.
   * The count is read after the ring's compare-and-set: the load half of the no-lost-wake-up
   * argument above.
   */
  private void wakeOne(WaitQueue queue) {
    if (queue.count() == 0) {
      return;
    }
    Selection wake;
    lock.lock();
    try {
      wakeOneLocked(queue);
      wake = takeWake();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.wake();
    }
  }

  /** Wakes the oldest waiter of {@code queue} that is still waiting, leaving it in toWake. */
  private void wakeOneLocked(WaitQueue queue) {
    for (Waiter w; (w = queue.poll()) != null; ) {
      if (w.claim()) {
        w.item = RETRY;
        w.selection.completeQuietly();
        toWake = w.selection;
        return;
      }
    }
  }

  private static void wakeAllLocked(WaitQueue queue) {
    for (Waiter w; (w = queue.poll()) != null; ) {
      if (w.claim()) {
        w.item = RETRY;
        w.selection.complete();
      }
    }
  }
}
