package io.execmodels.core.internal;

import io.execmodels.core.ChannelClosedException;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.Select;
import io.execmodels.core.SendChannel;
import io.execmodels.core.Task;
import io.execmodels.core.spi.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Go's {@code selectgo}, on {@link ChannelImpl}'s waiters.
 *
 * <ol>
 *   <li>Visit the cases in a random order and take the first one that can proceed now (each
 *       channel decides how: under its lock, or lock-free for a buffered one). Taking the first
 *       ready case of a uniformly random order chooses uniformly among the ready cases.
 *   <li>None ready: take the default case if there is one.
 *   <li>Lock every channel at once, in {@link ChannelImpl#id} order so two selects cannot deadlock,
 *       and look again (a case may have become ready). Still none: queue a waiter on every channel,
 *       all sharing one {@link Selection}, and try the buffered cases once more (their lock-free
 *       counterparts do not wait for the locks held here); then unlock. Holding every lock while
 *       queueing means no counterpart can win the selection before all the waiters are in place.
 *   <li>Park until a counterpart (or the timer) wins the selection and completes it; then withdraw
 *       the waiters of the other cases. A buffered channel whose ring changed under its server
 *       invites the select to retry that case instead; if that fails too, start over at 1.
 * </ol>
 *
 * <p>A case awaiting a task is a receive case on the task's {@linkplain TaskImpl#doneChannel()
 * completion channel}, which closes when the task completes: it is ready exactly when the task is
 * done, and taking it hands the task's outcome to the handler as {@code await} would.
 */
final class SelectImpl<R> implements Select<R> {

  private record Case(ChannelImpl<?> channel, boolean send, Object value, Object handler) {}

  /** The handler of a case awaiting {@code task}. */
  private record Awaiting(TaskImpl<?> task, Function<Object, ?> handler) {}

  /** What {@link #block} returns when the select must start over. */
  private static final Object AGAIN = new Object();

  private final TaskImpl<?> task;
  private final List<Case> cases = new ArrayList<>(4);
  private Callable<? extends R> defaultHandler;
  private Duration timeout;
  private Callable<? extends R> timeoutHandler;
  private boolean ran;
  /**
   * A case awaits a task of another run, whose completion nothing in this run controls: the select
   * then never counts as blocked for deadlock detection (as {@code await} of such a task).
   */
  private boolean wokenFromOutsideTheRun;

  SelectImpl(TaskImpl<?> task) {
    this.task = task;
  }

  @Override
  public <T> Select<R> onReceive(
      ReceiveChannel<T> channel, Function<? super T, ? extends R> handler) {
    Objects.requireNonNull(handler, "handler");
    if (channel != null) {
      cases.add(new Case(own(channel), false, null, handler));
    }
    return this;
  }

  @Override
  public <T> Select<R> onSend(SendChannel<T> channel, T value, Callable<? extends R> handler) {
    Objects.requireNonNull(value, "channels do not carry null");
    Objects.requireNonNull(handler, "handler");
    if (channel != null) {
      cases.add(new Case(own(channel), true, value, handler));
    }
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Select<R> onAwait(Task<T> awaited,
      Function<? super T, ? extends R> handler) {
    Objects.requireNonNull(handler, "handler");
    if (awaited == null) {
      return this;
    }
    if (!(awaited instanceof TaskImpl<?> other) || other.runtime != task.runtime) {
      throw new IllegalArgumentException(
          "select needs tasks of this model, got " + awaited);
    }
    if (other == task) {
      throw new IllegalArgumentException("task '" + task.name() + "' awaits itself");
    }
    if (other.scope != task.scope) {
      wokenFromOutsideTheRun = true;
    }
    cases.add(new Case(other.doneChannel(), false, null,
        new Awaiting(other, (Function<Object, ?>) handler)));
    return this;
  }

  @Override
  public Select<R> onDefault(Callable<? extends R> handler) {
    if (defaultHandler != null) {
      throw new IllegalStateException("select already has a default case");
    }
    defaultHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  @Override
  public Select<R> onTimeout(Duration timeout, Callable<? extends R> handler) {
    if (this.timeout != null) {
      throw new IllegalStateException("select already has a timeout");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("select timeout must not be negative, was " + timeout);
    }
    this.timeout = timeout;
    this.timeoutHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** The implementation of a channel made by this select's model (a nil one is not added). */
  private ChannelImpl<?> own(Object channel) {
    if (!(channel instanceof ChannelImpl<?> impl) || impl.runtime != task.runtime) {
      throw new IllegalArgumentException(
          "select needs channels made by this model's ctx.channel(), got " + channel);
    }
    return impl;
  }

  @Override
  @SuppressWarnings("unchecked")
  public R run() throws Exception {
    if (ran) {
      throw new IllegalStateException("a select runs once; build a new one");
    }
    ran = true;
    if (task.runtime.currentTask() != task) {
      throw new IllegalStateException("a select must run in the task that built it");
    }
    task.runtime.scheduler.synchronizes(this);
    long deadline = timeout == null ? 0 : Deadlines.after(task.runtime.scheduler.nanoTime(), timeout);
    for (; ; ) {
      task.checkCancelled();
      int[] order = pollOrder(task.runtime.scheduler.random(), cases.size());
      for (int i : order) {
        Case c = cases.get(i);
        Object received = c.channel.selectNow(c.send, c.value);
        if (received != ChannelImpl.EMPTY) {
          return fire(c, received);
        }
      }
      if (defaultHandler != null) {
        return defaultHandler.call();
      }
      Object outcome = block(order, deadline);
      if (outcome != AGAIN) {
        return (R) outcome;
      }
    }
  }

  /**
   * Waits for a case (or the timeout) and returns its handler's result; or returns {@link #AGAIN}
   * if the case that woke it was a buffered channel's invitation to retry and a task arriving at
   * that moment took the value (or the room) first.
   */
  private Object block(int[] order, long deadline) throws Exception {
    ChannelImpl<?>[] locks = lockOrder();
    Selection selection = new Selection(task, "select over", this);
    Waiter[] waiters = new Waiter[cases.size()];
    int ready = -1;
    Object result = null;
    for (ChannelImpl<?> ch : locks) {
      ch.lock.lock();
    }
    try {
      for (int i : order) {
        Case c = cases.get(i);
        result = c.channel.selectLocked(c.send, c.value);
        if (result != ChannelImpl.EMPTY) {
          ready = i;
          break;
        }
      }
      if (ready < 0) {
        for (int i = 0; i < waiters.length; i++) {
          Case c = cases.get(i);
          waiters[i] = new Waiter(selection, i, c.channel, c.send, c.value);
          c.channel.enqueue(waiters[i]);
        }
        for (int i : order) {
          result = recheck(cases.get(i), waiters);
          if (result != ChannelImpl.EMPTY) {
            ready = i;
            break;
          }
        }
      }
      if (ready < 0 && timeout == null && !wokenFromOutsideTheRun) {
        task.runtime.blocked(task, selection);
      }
    } finally {
      unlockAll(locks);
    }
    if (ready >= 0) {
      return fire(cases.get(ready), result);
    }

    Cancellable timer = null;
    try {
      if (timeout != null) {
        timer = task.runtime.scheduler.schedule(deadline, () -> {
          if (selection.claim(Selection.TIMED_OUT)) {
            selection.complete();
          }
        });
      }
      task.runtime.checkDeadlock(task);
      while (!selection.completed) {
        if (task.mustStop()) {
          task.checkCancelled();
        }
        task.park(this);
      }
    } catch (RuntimeException | Error e) {
      // The timer could not be armed, or the task must stop: no case may fire for it any more.
      if (selection.claim(Selection.ABORTED)) {
        withdrawAll(waiters);
        throw e;
      }
      // A case won the race (its transfer is done, or its retry is due): deliver it, and let the
      // next suspension point report the cancellation.
      while (!selection.completed) {
        task.park(this);
      }
    } finally {
      task.unblock();
      if (timer != null) {
        timer.cancel();
      }
    }
    int chosen = selection.chosen();
    withdrawAll(waiters);
    if (chosen == Selection.TIMED_OUT) {
      return timeoutHandler.call();
    }
    Waiter w = waiters[chosen];
    Case c = cases.get(chosen);
    if (w.item == ChannelImpl.RETRY) {
      Object retried = c.channel.selectNow(c.send, c.value);
      return retried == ChannelImpl.EMPTY ? AGAIN : fire(c, retried);
    }
    if (w.sender && w.item == ChannelImpl.CLOSED) {
      throw new ChannelClosedException("send on closed channel");
    }
    return fire(c, w.sender ? null : w.item);
  }

  /**
   * With every lock held and every waiter queued, tries case {@code c} once more: the check that
   * closes the race with a buffered channel's lock-free operations (see {@link BufferedChannel}).
   * If it proceeds, takes every waiter off again, then lets the channel wake the task the
   * operation unblocked (it might otherwise have picked this select's own waiter).
   */
  private static Object recheck(Case c, Waiter[] waiters) {
    Object result;
    try {
      result = c.channel.recheckLocked(c.send, c.value);
    } catch (RuntimeException e) {
      dequeueAll(waiters);
      throw e;
    }
    if (result != ChannelImpl.EMPTY) {
      dequeueAll(waiters);
      if (result != ChannelImpl.CLOSED) {
        c.channel.afterRecheckLocked(c.send);
      }
    }
    return result;
  }

  private static void dequeueAll(Waiter[] waiters) {
    for (Waiter w : waiters) {
      w.channel.dequeueLocked(w);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (Case c : cases) {
      s.append(s.length() > 1 ? ", " : "").append(c.send ? "send on " : "receive on ").append(c.channel);
    }
    return s.append(defaultHandler != null ? ", default]" : "]").toString();
  }

  /** Unlocks every channel, each waking what an operation under its lock completed. */
  private static void unlockAll(ChannelImpl<?>[] locks) {
    for (int i = locks.length - 1; i >= 0; i--) {
      locks[i].lock.unlockThenWake();
    }
  }

  /**
   * Takes the waiters that did not fire off their queues. The one that fired was taken off by its
   * winner, under its channel's lock, before it completed the selection: no need to lock again.
   */
  private static void withdrawAll(Waiter[] waiters) {
    Waiter fired = null;
    for (Waiter w : waiters) {
      if (w != null && w.selection.completed && w.selection.chosen() == w.caseIndex) {
        fired = w;
      }
    }
    for (Waiter w : waiters) {
      if (w != null && w != fired) {
        w.channel.withdraw(w);
      }
    }
  }

  /** The distinct channels of the cases, in {@link ChannelImpl#id} order (an insertion sort). */
  private ChannelImpl<?>[] lockOrder() {
    ChannelImpl<?>[] sorted = new ChannelImpl<?>[cases.size()];
    int n = 0;
    for (Case c : cases) {
      ChannelImpl<?> ch = c.channel;
      int at = n;
      while (at > 0 && sorted[at - 1].id > ch.id) {
        at--;
      }
      if (at > 0 && sorted[at - 1] == ch) {
        continue;
      }
      System.arraycopy(sorted, at, sorted, at + 1, n - at);
      sorted[at] = ch;
      n++;
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  @SuppressWarnings("unchecked")
  private R fire(Case c, Object received) throws Exception {
    if (c.send) {
      return ((Callable<? extends R>) c.handler).call();
    }
    if (c.handler instanceof Awaiting a) {
      assert received == ChannelImpl.CLOSED && a.task.isDone();
      return (R) a.handler.apply(Throwables.join(a.task));
    }
    Object value = received == ChannelImpl.CLOSED ? null : received;
    return ((Function<Object, ? extends R>) c.handler).apply(value);
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
  private static int[] pollOrder(RandomGenerator random, int n) {
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
