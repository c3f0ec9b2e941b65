package io.execmodels.core.internal;

import io.execmodels.core.ChannelClosedException;
import java.util.Objects;

/**
 * An unbuffered channel: every send meets a receive, and the value passes from one task to the
 * other under the lock, as in Go's {@code chan.go}.
 *
 * <p>Invariants, all under {@code lock}:
 *
 * <ul>
 *   <li>At most one of {@code receivers} and {@code senders} holds live waiters: a sender finding a
 *       receiver queued hands it the value, and the other way round.
 *   <li>Once {@code closed}, both queues are empty and stay so: close completes every waiter (with
 *       {@link #CLOSED}), and no operation queues on a closed channel.
 * </ul>
 *
 * @param <T> the value type
 */
final class SyncChannel<T> extends ChannelImpl<T> {
  private boolean closed;

  SyncChannel(ModelRuntime runtime) {
    super(runtime);
  }

  @Override
  public void send(T value) {
    Objects.requireNonNull(value, "channels do not carry null");
    runtime.scheduler.synchronizes(this);
    TaskImpl<?> task = runtime.requireTask("Channel.send");
    task.checkCancelled();
    Waiter w = null;
    lock.lock();
    try {
      if (!sendNow(value)) {
        assert !closed : "a waiter queued on a closed channel";
        w = task.channelWaiter("send on", this, true, value);
        runtime.blocked(task, w.selection);
        senders.add(w);
      }
    } finally {
      lock.unlockThenWake();
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
  Object receiveOrClosed(String operation) {
    runtime.scheduler.synchronizes(this);
    TaskImpl<?> task = runtime.requireTask(operation);
    task.checkCancelled();
    Waiter w = null;
    Object v;
    lock.lock();
    try {
      v = receiveNow();
      if (v == EMPTY) {
        assert !closed : "a waiter queued on a closed channel";
        w = task.channelWaiter("receive on", this, false, null);
        runtime.blocked(task, w.selection);
        receivers.add(w);
      }
    } finally {
      lock.unlockThenWake();
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

  @Override
  public void close() {
    runtime.scheduler.synchronizes(this);
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("close of closed channel");
      }
      closed = true;
      completeAllClosed(receivers);
      completeAllClosed(senders);
      assert receivers.count() == 0 && senders.count() == 0 : "waiters left on a closed channel";
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
    return 0;
  }

  @Override
  public int capacity() {
    return 0;
  }

  @Override
  Object selectNow(boolean send, Object value) {
    lock.lock();
    try {
      return selectLocked(send, value);
    } finally {
      lock.unlockThenWake();
    }
  }

  @Override
  Object selectLocked(boolean send, Object value) {
    if (send) {
      return sendNow(value) ? null : EMPTY;
    }
    return receiveNow();
  }

  /** Nothing to recheck: every operation on this channel takes the lock the caller holds. */
  @Override
  Object recheckLocked(boolean send, Object value) {
    return EMPTY;
  }

  @Override
  void afterRecheckLocked(boolean send) {
    throw new IllegalStateException("an unbuffered channel's recheck never performs a case");
  }

  // The operations below run with the lock held. A waiter they complete is woken on unlocking.

  /**
   * Hands {@code value} to a waiting receiver, if there is one.
   *
   * @throws ChannelClosedException if closed
   */
  private boolean sendNow(Object value) {
    if (closed) {
      throw new ChannelClosedException("send on closed channel");
    }
    for (Waiter r; (r = receivers.poll()) != null; ) {
      if (r.claim()) {
        r.item = value;
        completeLocked(r.selection);
        return true;
      }
    }
    return false;
  }

  /** Takes a waiting sender's value: the value, {@link #CLOSED} if closed, else {@link #EMPTY}. */
  private Object receiveNow() {
    for (Waiter s; (s = senders.poll()) != null; ) {
      if (s.claim()) {
        Object v = s.item;
        completeLocked(s.selection);
        return v;
      }
    }
    return closed ? CLOSED : EMPTY;
  }
}
