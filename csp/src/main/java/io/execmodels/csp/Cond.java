package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Go's {@code sync.Cond} over a {@link Mutex}: {@link #await} unlocks the mutex, waits for a
 * {@link #signal} or {@link #broadcast}, and locks it again before it returns. Waiters are woken
 * in the order they began to wait. As in Go, a wait may end for another reason than the one the
 * caller waits for: wait in a loop that re-checks the condition.
 *
 * <p>Each wait is a receive on a named channel of its own, so it is a suspension point the
 * deadlock report sees ({@code receive on Channel '<name>'#n}). A task cancelled while it waits
 * leaves with a {@link java.util.concurrent.CancellationException} <em>without</em> the mutex
 * (Go has no cancellation; its deferred {@code Unlock} would find the mutex unlocked, so guard it
 * as the cancelled task ends). Thread-safe.
 */
public final class Cond {
  private final Mutex mutex;
  private final String name;
  private final Queue<Channel<Boolean>> waiters = new ConcurrentLinkedQueue<>();

  /**
   * A condition over {@code mutex}, named {@code sync.Cond} in reports.
   *
   * @param mutex the mutex waiters hold, which {@link #await} lets go and takes again; not null
   */
  public Cond(Mutex mutex) {
    this(mutex, "sync.Cond");
  }

  /**
   * A condition over {@code mutex}, named {@code name} in reports.
   *
   * @param mutex the mutex waiters hold, which {@link #await} lets go and takes again; not null
   * @param name the name its wait channels carry in deadlock reports; not null
   */
  public Cond(Mutex mutex, String name) {
    this.mutex = Objects.requireNonNull(mutex, "mutex");
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * The mutex it was made with: Go's {@code c.L}.
   *
   * @return the mutex it was made with
   */
  public Mutex mutex() {
    return mutex;
  }

  /**
   * Unlocks the mutex, waits to be woken, and locks it again: {@code c.Wait()}. The caller must
   * hold the mutex (else the unlock is a {@link FatalError}, as in Go). A suspension point.
   *
   * @param ctx the calling task's context; that task must hold the mutex
   */
  public void await(Ctx ctx) {
    Channel<Boolean> wakeUp = ctx.channel(1, name);
    waiters.add(wakeUp);
    mutex.unlock();
    try {
      wakeUp.receive();
    } catch (RuntimeException e) {
      waiters.remove(wakeUp);
      throw e;
    }
    mutex.lock(ctx);
  }

  /** Wakes the longest waiting waiter, if any: {@code c.Signal()}. Not a suspension point. */
  public void signal() {
    Channel<Boolean> w = waiters.poll();
    if (w != null) {
      w.trySend(Boolean.TRUE);
    }
  }

  /** Wakes every waiter: {@code c.Broadcast()}. Not a suspension point. */
  public void broadcast() {
    for (Channel<Boolean> w; (w = waiters.poll()) != null; ) {
      w.trySend(Boolean.TRUE);
    }
  }
}
