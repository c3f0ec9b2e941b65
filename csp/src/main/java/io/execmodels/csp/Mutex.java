package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Go's {@code sync.Mutex}: a lock with no owner and no reentrancy, whose waiters core sees.
 *
 * <p>As in Go: {@link #tryLock} by the goroutine that holds it returns false (a second {@link
 * #lock} by it waits for good); any goroutine may {@link #unlock} it; unlocking an unlocked mutex
 * is a {@link FatalError} ({@code fatal error: sync: unlock of unlocked mutex}), which ends the run
 * and which {@link Recover} does not catch. Unlike {@code java.util.concurrent} locks, a wait in
 * {@link #lock} is a suspension point: it observes cancellation, frees the task's thread, counts
 * the task as parked, and a deadlock report names the mutex and the task waiting for it (a
 * lock-order deadlock between two goroutines is reported as Go reports it, "all goroutines are
 * asleep").
 *
 * <p>It is a channel of capacity one underneath, made on the first {@link #lock} or {@link
 * #tryLock}: a mutex belongs to the run of its first use. Thread-safe.
 */
public final class Mutex {
  private final String name;
  private final AtomicReference<Channel<Boolean>> token = new AtomicReference<>();

  /** A mutex that reports name {@code sync.Mutex}. */
  public Mutex() {
    this("sync.Mutex");
  }

  /**
   * A mutex that reports name {@code name} ({@code mu}, {@code accounts}...).
   *
   * @param name the name its lock channel carries in deadlock reports; not null
   */
  public Mutex(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  private Channel<Boolean> token(Ctx ctx) {
    Channel<Boolean> t = token.get();
    if (t == null) {
      Channel<Boolean> fresh = ctx.channel(1, name);
      t = token.compareAndExchange(null, fresh);
      if (t == null) {
        t = fresh;
      }
    }
    return t;
  }

  /**
   * Locks it, waiting while another holds it: {@code mu.Lock()}. A suspension point.
   *
   * @param ctx the calling task's context
   */
  public void lock(Ctx ctx) {
    token(ctx).send(Boolean.TRUE);
  }

  /**
   * Locks it if it is free: {@code mu.TryLock()} (Go 1.18). Not a suspension point.
   *
   * @param ctx the calling task's context
   * @return true if this call locked it, false if it is held
   */
  public boolean tryLock(Ctx ctx) {
    return token(ctx).trySend(Boolean.TRUE);
  }

  /**
   * Unlocks it, from any goroutine: {@code mu.Unlock()}.
   *
   * @throws FatalError if it is not locked
   */
  public void unlock() {
    Channel<Boolean> t = token.get();
    if (t == null || t.tryReceive() == null) {
      throw new FatalError("sync: unlock of unlocked mutex");
    }
  }

  @Override
  public String toString() {
    return "Mutex '" + name + "'";
  }
}
