package io.execmodels.core.internal;

import io.execmodels.core.ChannelClosedException;
import java.util.Objects;

/**
 * A buffered channel: values go through a lock-free {@link ChannelRing}; the lock and the queues
 * are only for tasks that must wait.
 *
 * <p><b>Fast paths.</b> A send that finds room and a receive that finds a value touch only the
 * ring, then read the other side's waiter count; only when someone waits there do they take the
 * lock, to serve it. Neither allocates.
 *
 * <p><b>Serving waiters.</b> Whoever changes the ring with waiters queued serves them under the
 * lock, as Go does: it claims the oldest waiting receiver and hands it the ring's oldest value, or
 * claims the oldest waiting sender and moves its value into the ring; and goes on while the ring
 * lets it (a receive it did for a receiver may free room for a sender, and so on). The claim
 * comes first, so a waiter whose select another case won is skipped. Fast paths take no lock, so
 * the ring may have changed between the claim and the operation; then the waiter is completed with
 * {@link #RETRY} instead and tries again itself. A value is thus always in the ring, in a waiter
 * that has been completed with it, or in a task's hands: nothing is lost between a wake-up and a
 * cancellation.
 *
 * <p><b>No lost wake-up.</b> A task that must wait queues its waiter (a volatile write of the
 * queue's count, in {@link WaitQueue#add}), then tries the ring once more, under the lock. A task
 * on a fast path changes the ring (a volatile compare-and-set of {@code tail} or {@code head}),
 * then reads the count. Volatile accesses are sequentially consistent, so of the two tasks at least
 * one sees the other's write: either the waiter's second try succeeds, or the fast task sees the
 * waiter and serves it. The same holds for a select, which queues its waiters on every channel and
 * then rechecks each buffered one ({@link #recheckLocked}); and for the ring operations done while
 * serving, each of which is followed by a look at the other queue.
 *
 * <p><b>Close</b> sets the ring's closed bit, then wakes every waiter to retry: receivers drain
 * what the ring holds and then see {@link #CLOSED}; senders find the ring closed and throw.
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
    runtime.scheduler.synchronizes(this);
    TaskImpl<?> task = runtime.requireTask("Channel.send");
    task.checkCancelled();
    for (; ; ) {
      ChannelRing.Offer r = ring.offer(value);
      if (r == ChannelRing.Offer.SENT) {
        serveIfWaiting(receivers);
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
    lock.lock();
    try {
      senders.add(w);
      r = ring.offer(value);
      if (r == ChannelRing.Offer.FULL) {
        runtime.blocked(task, w.selection);
      } else {
        senders.remove(w);
        if (r == ChannelRing.Offer.SENT) {
          serveLocked();
        }
      }
    } finally {
      lock.unlockThenWake();
    }
    boolean retry;
    try {
      if (r != ChannelRing.Offer.FULL) {
        retry = false;
      } else {
        await(task, w);
        retry = w.item == RETRY;
      }
    } finally {
      task.doneWith(w);
    }
    if (r == ChannelRing.Offer.CLOSED) {
      throw new ChannelClosedException("send on closed channel");
    }
    return !retry;
  }

  @Override
  Object receiveOrClosed(String operation) {
    runtime.scheduler.synchronizes(this);
    TaskImpl<?> task = runtime.requireTask(operation);
    task.checkCancelled();
    for (; ; ) {
      Object v = ring.poll();
      if (v != EMPTY) {
        if (v != CLOSED) {
          serveIfWaiting(senders);
        }
        return v;
      }
      v = receiveOrWait(task);
      if (v != RETRY) {
        return v;
      }
    }
  }

  /**
   * The slow path of a receive from an empty ring: under the lock, queues a waiter and tries once
   * more. Returns the value (or {@link #CLOSED}) that try or a server gave it, or {@link #RETRY}
   * after a wait the task was woken from to retry.
   */
  private Object receiveOrWait(TaskImpl<?> task) {
    Waiter w = task.channelWaiter("receive on", this, false, null);
    Object v;
    lock.lock();
    try {
      receivers.add(w);
      v = ring.poll();
      if (v == EMPTY) {
        runtime.blocked(task, w.selection);
      } else {
        receivers.remove(w);
        if (v != CLOSED) {
          serveLocked();
        }
      }
    } finally {
      lock.unlockThenWake();
    }
    try {
      if (v == EMPTY) {
        await(task, w);
        v = w.item;
      }
    } finally {
      task.doneWith(w);
    }
    return v;
  }

  @Override
  public void close() {
    runtime.scheduler.synchronizes(this);
    lock.lock();
    try {
      if (!ring.close()) {
        throw new IllegalStateException("close of closed channel");
      }
      retryAllLocked(receivers);
      retryAllLocked(senders);
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
      serveIfWaiting(send ? receivers : senders);
    }
    return result;
  }

  @Override
  Object selectLocked(boolean send, Object value) {
    Object result = ringOp(send, value);
    if (result != EMPTY && result != CLOSED) {
      serveLocked();
    }
    return result;
  }

  @Override
  Object recheckLocked(boolean send, Object value) {
    return ringOp(send, value);
  }

  @Override
  void afterRecheckLocked(boolean send) {
    serveLocked();
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
   * After a lock-free send (or receive) changed the ring: serves the waiting receivers (or
   * senders), if any. The count is read after the ring's compare-and-set: the load half of the
   * no-lost-wake-up argument above.
   */
  private void serveIfWaiting(WaitQueue queue) {
    if (queue.count() == 0) {
      return;
    }
    lock.lock();
    try {
      serveLocked();
    } finally {
      lock.unlockThenWake();
    }
  }

  /**
   * Serves waiters while the ring lets them proceed. Each round serves (or invites to retry) one
   * queued waiter, or ends the loop, so it ends. The ring's size is only a hint here: a fast path
   * may change it at any time; a waiter claimed on a stale hint is invited to retry.
   */
  private void serveLocked() {
    for (; ; ) {
      int size = ring.size();
      if (size > 0 && receivers.count() != 0 && serveOneLocked(receivers)) {
        continue;
      }
      if (size < ring.capacity() && senders.count() != 0 && serveOneLocked(senders)) {
        continue;
      }
      return;
    }
  }

  /**
   * Claims the oldest waiter of {@code queue} that still waits and does its operation on the ring
   * for it: a receiver is completed with the value (or {@link #CLOSED}), a sender with its own
   * value once that is in the ring; either with {@link #RETRY} if the ring no longer lets it.
   * Returns whether there was such a waiter.
   */
  private boolean serveOneLocked(WaitQueue queue) {
    for (Waiter w; (w = queue.poll()) != null; ) {
      if (w.claim()) {
        if (w.sender) {
          if (ring.offer(w.item) != ChannelRing.Offer.SENT) {
            w.item = RETRY;
          }
        } else {
          Object v = ring.poll();
          w.item = v == EMPTY ? RETRY : v;
        }
        completeLocked(w.selection);
        return true;
      }
    }
    return false;
  }

  private static void retryAllLocked(WaitQueue queue) {
    for (Waiter w; (w = queue.poll()) != null; ) {
      if (w.claim()) {
        w.item = RETRY;
        w.selection.complete();
      }
    }
  }
}
