package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code threading.Condition}: waiting for a state that other threads change under a lock. A
 * waiter releases the lock entirely (every level of an {@link RLock}), waits to be notified,
 * then takes the lock back as it was. Waiters are woken in the order they began to wait. Python's
 * {@code wait} and {@code notify_all} are {@link #await()} and {@link #notifyAllWaiters()} here,
 * since {@code Object} owns the Java names.
 *
 * <p>A waiter gives up its GIL while it waits. Thread-safe; {@link #await}, {@link #notify} and
 * {@link #notifyAllWaiters} need the lock.
 */
public final class Condition {
  private final Lock lock;
  private final RLock rlock;
  /** One permit-less semaphore per waiter, in arrival order: notify gives it its permit. */
  private final Deque<java.util.concurrent.Semaphore> waiters = new ConcurrentLinkedDeque<>();

  /** A condition with a new {@link RLock}, as {@code Condition()} has. */
  public Condition() {
    this(new RLock());
  }

  /**
   * A condition over {@code lock}.
   *
   * @param lock the lock the condition waits with
   */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
    this.rlock = null;
  }

  /**
   * A condition over {@code lock}.
   *
   * @param lock the reentrant lock the condition waits with
   */
  public Condition(RLock lock) {
    this.lock = null;
    this.rlock = Objects.requireNonNull(lock, "lock");
  }

  /**
   * Acquires the underlying lock, waiting as long as it takes.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void acquire() throws InterruptedException {
    if (lock != null) {
      lock.acquire();
    } else {
      rlock.acquire();
    }
  }

  /** Releases the underlying lock (see {@link Lock#release()}, {@link RLock#release()}). */
  public void release() {
    if (lock != null) {
      lock.release();
    } else {
      rlock.release();
    }
  }

  /**
   * Waits until notified: {@code wait()}.
   *
   * @throws IllegalStateException if the caller does not hold the lock ("cannot wait on
   *     un-acquired lock")
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void await() throws InterruptedException {
    await(-1);
  }

  /**
   * Waits until notified or until {@code timeout} has passed: {@code wait(timeout)}.
   *
   * @param timeout the longest to wait; not negative
   * @return false if the timeout passed first
   * @throws IllegalStateException if the caller does not hold the lock
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public boolean await(Duration timeout) throws InterruptedException {
    return await(Waits.nanos(timeout));
  }

  /**
   * Waits until {@code predicate} holds, checking it first and after each notification: {@code
   * wait_for(predicate)}.
   *
   * @param predicate the condition to wait for, checked with the lock held
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void waitFor(BooleanSupplier predicate) throws InterruptedException {
    while (!predicate.getAsBoolean()) {
      await();
    }
  }

  /**
   * Waits until {@code predicate} holds or {@code timeout} has passed: {@code wait_for(predicate,
   * timeout)}.
   *
   * @param predicate the condition to wait for, checked with the lock held
   * @param timeout the longest to wait
   * @return the predicate's last value
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Waits.nanos(timeout);
    boolean result = predicate.getAsBoolean();
    while (!result) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      await(left);
      result = predicate.getAsBoolean();
    }
    return result;
  }

  /**
   * {@code timeoutNanos} negative: no timeout. An interrupt ends the wait with {@link
   * InterruptedException}, the lock taken back, unless a notify had already chosen this waiter:
   * then the wait ends notified and the interrupt stays set, so that no notify is lost.
   */
  private boolean await(long timeoutNanos) throws InterruptedException {
    if (!isOwned()) {
      throw new IllegalStateException("cannot wait on un-acquired lock");
    }
    java.util.concurrent.Semaphore waiter = new java.util.concurrent.Semaphore(0);
    waiters.addLast(waiter);
    Object saved = lock != null ? lock.releaseAll() : rlock.releaseAll();
    boolean notified;
    InterruptedException interrupted = null;
    try {
      notified = Gil.blockOn(() -> {
        if (timeoutNanos < 0) {
          waiter.acquire();
          return true;
        }
        return waiter.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
      });
    } catch (InterruptedException e) {
      interrupted = e;
      notified = false;
    }
    if (!notified && !waiters.remove(waiter)) {
      // A notify took this waiter off the queue: its permit is given or about to be.
      waiter.acquireUninterruptibly();
      notified = true;
    }
    if (lock != null) {
      lock.restore(saved);
    } else {
      rlock.restore(saved);
    }
    if (interrupted != null) {
      if (notified) {
        Thread.currentThread().interrupt();
      } else {
        throw interrupted;
      }
    }
    return notified;
  }

  /**
   * Wakes up to {@code n} waiters, the longest waiting first: {@code notify(n)}.
   *
   * @param n the most waiters to wake
   * @throws IllegalStateException if the caller does not hold the lock ("cannot notify on
   *     un-acquired lock")
   */
  public void notify(int n) {
    if (!isOwned()) {
      throw new IllegalStateException("cannot notify on un-acquired lock");
    }
    for (int i = 0; i < n; i++) {
      java.util.concurrent.Semaphore waiter = waiters.pollFirst();
      if (waiter == null) {
        return;
      }
      waiter.release();
    }
  }

  /** Wakes the longest waiting waiter: {@code notify()}. */
  public void notifyOne() {
    notify(1);
  }

  /** Wakes every waiter: {@code notify_all()}. */
  public void notifyAllWaiters() {
    notify(Integer.MAX_VALUE);
  }

  private boolean isOwned() {
    return lock != null ? lock.isOwned() : rlock.isOwned();
  }
}
