package io.execmodels.csp;

import io.execmodels.core.Ctx;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Go's {@code sync.RWMutex}: any number of readers or one writer. As in Go, a writer waiting in
 * {@link #lock} keeps new readers out, so a stream of readers cannot starve it; the lock has no
 * owner; an {@link #unlock} or {@link #runlock} of a lock not so held is a {@link FatalError}.
 * Every wait is a suspension point the deadlock report names ({@code Channel '<name>'}).
 *
 * <p>Built on a {@link Mutex} guarding its counts and a {@link Cond}. {@link #tryLock} and {@link
 * #tryRLock} may fail while another goroutine is inside one of its calls for a moment, not only
 * while the lock is held. A task cancelled while it waits leaves the counts as they were before
 * its call; a cancelled task can still {@link #unlock} and {@link #runlock}, so that its {@code
 * finally} blocks release what it holds. Thread-safe.
 */
public final class RWMutex {
  private final Mutex state;
  private final Cond changed;
  // Guarded by state.
  private int readers;
  private int writersWaiting;
  private boolean writer;

  /** A lock named {@code sync.RWMutex} in reports. */
  public RWMutex() {
    this("sync.RWMutex");
  }

  /**
   * A lock named {@code name} in reports.
   *
   * @param name the name its channels carry in deadlock reports; not null
   */
  public RWMutex(String name) {
    Objects.requireNonNull(name, "name");
    this.state = new Mutex(name);
    this.changed = new Cond(state, name);
  }

  /**
   * Locks it for reading, waiting while a writer holds it or waits for it: {@code RLock}.
   *
   * @param ctx the calling task's context
   */
  public void rlock(Ctx ctx) {
    state.lock(ctx); // cancelled while waiting: the state is unlocked and unchanged
    while (writer || writersWaiting > 0) {
      changed.await(ctx);
    }
    readers++;
    state.unlock();
  }

  /**
   * Locks it for reading if no writer holds it or waits for it: {@code TryRLock}.
   *
   * @param ctx the calling task's context
   * @return true if this call took a read hold; false if a writer holds it or waits for it, or
   *     another task is changing its state at that moment
   */
  public boolean tryRLock(Ctx ctx) {
    if (!state.tryLock(ctx)) {
      return false;
    }
    boolean ok = !writer && writersWaiting == 0;
    if (ok) {
      readers++;
    }
    state.unlock();
    return ok;
  }

  /**
   * Ends one reader's hold: {@code RUnlock}.
   *
   * @param ctx the calling task's context
   * @throws FatalError if no reader holds it
   */
  public void runlock(Ctx ctx) {
    enter(ctx);
    boolean held = readers > 0;
    if (held && --readers == 0) {
      changed.broadcast();
    }
    state.unlock();
    if (!held) {
      throw new FatalError("sync: RUnlock of unlocked RWMutex");
    }
  }

  /**
   * Locks it for writing, waiting until no one holds it: {@code Lock}.
   *
   * @param ctx the calling task's context
   */
  public void lock(Ctx ctx) {
    state.lock(ctx);
    writersWaiting++;
    try {
      while (writer || readers > 0) {
        changed.await(ctx);
      }
    } catch (CancellationException e) {
      // Cancelled in the wait, which has let the state go: take it back to withdraw, and let
      // the readers this writer kept out in.
      enter(ctx);
      writersWaiting--;
      changed.broadcast();
      state.unlock();
      throw e;
    }
    writersWaiting--;
    writer = true;
    state.unlock();
  }

  /**
   * Locks it for writing if no one holds it: {@code TryLock}.
   *
   * @param ctx the calling task's context
   * @return true if this call took the write hold; false if anyone holds it, or another task is
   *     changing its state at that moment
   */
  public boolean tryLock(Ctx ctx) {
    if (!state.tryLock(ctx)) {
      return false;
    }
    boolean ok = !writer && readers == 0;
    if (ok) {
      writer = true;
    }
    state.unlock();
    return ok;
  }

  /**
   * Takes the state mutex even for a cancelled task (whose {@code lock} throws at once): the
   * state is held only for a few steps at a time, so a try and a yield soon get it.
   */
  private void enter(Ctx ctx) {
    try {
      state.lock(ctx);
    } catch (CancellationException e) {
      while (!state.tryLock(ctx)) {
        Thread.yield();
      }
    }
  }

  /**
   * Ends the writer's hold: {@code Unlock}.
   *
   * @param ctx the calling task's context
   * @throws FatalError if no writer holds it
   */
  public void unlock(Ctx ctx) {
    enter(ctx);
    boolean held = writer;
    writer = false;
    if (held) {
      changed.broadcast();
    }
    state.unlock();
    if (!held) {
      throw new FatalError("sync: Unlock of unlocked RWMutex");
    }
  }
}
