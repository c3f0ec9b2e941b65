package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * {@code threading.Barrier}: {@code parties} threads wait for each other, then all go on; the
 * barrier can be used again. The last to arrive runs the action, if any, before the others are
 * let go. A wait that times out, an action that throws, or {@link #abort()} breaks the barrier:
 * every waiter, and every later {@link #await()}, gets a {@link BrokenBarrierException} until
 * {@link #reset()}.
 *
 * <p>A waiter gives up its GIL while it waits; the action runs holding the last arrival's.
 * Thread-safe.
 */
public final class Barrier {
  /** One passage through the barrier; broken ones stay broken. Guarded by the monitor. */
  private static final class Generation {
    boolean broken;
  }

  private final int parties;
  private final Runnable action;
  private final Duration timeout;
  private final Object monitor = new Object();
  private Generation generation = new Generation(); // guarded by monitor
  private int count; // guarded by monitor
  /** The last arrival runs the action: newcomers wait for the next passage. Guarded by monitor. */
  private boolean passing;

  /**
   * A barrier for {@code parties} threads, with an action run by the last to arrive and a default
   * timeout for {@link #await()} ({@code null}: none).
   *
   * @param parties how many threads it lets through at once; at least 1
   * @param action run by the last thread to arrive before any is let go; {@code null} for none
   * @param timeout the default timeout of {@link #await()}; {@code null} for none
   * @throws IllegalArgumentException if {@code parties} is below one (CPython accepts 0, and such
   *     a barrier can never be passed), or {@code timeout} is negative
   */
  public Barrier(int parties, Runnable action, Duration timeout) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be at least 1, was " + parties);
    }
    if (timeout != null) {
      Waits.nanos(timeout);
    }
    this.parties = parties;
    this.action = action;
    this.timeout = timeout;
  }

  /**
   * A barrier for {@code parties} threads, with no action and no timeout.
   *
   * @param parties how many threads it lets through at once; at least 1
   */
  public Barrier(int parties) {
    this(parties, null, null);
  }

  /**
   * Waits until {@code parties} threads have called this, or the barrier's timeout has passed.
   *
   * @return this thread's arrival index, 0 for the first to arrive to {@code parties - 1}
   * @throws BrokenBarrierException if the barrier is or becomes broken
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public int await() throws InterruptedException, BrokenBarrierException {
    return await(timeout);
  }

  /**
   * Waits until {@code parties} threads have called this, or {@code timeout} has passed ({@code
   * null}: no timeout).
   *
   * @param timeout the longest to wait; {@code null} for no limit
   * @return this thread's arrival index
   * @throws BrokenBarrierException if the barrier is or becomes broken, including by this wait's
   *     timeout
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
    long nanos = timeout == null ? -1 : Waits.nanos(timeout);
    Arrival arrival = enter();
    Generation g = arrival.generation();
    int index = arrival.index();
    if (index == parties - 1) {
      pass(g);
      return index;
    }
    boolean passed = Gil.blockOn(() -> {
      long deadline = System.nanoTime() + nanos;
      synchronized (monitor) {
        while (g == generation && !g.broken) {
          try {
            if (nanos < 0) {
              monitor.wait();
            } else {
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                breakBarrier();
                break;
              }
              monitor.wait(Math.max(1, left / 1_000_000));
            }
          } catch (InterruptedException e) {
            // The others would wait for this thread for good: break it for them, as Java's
            // CyclicBarrier does.
            if (g == generation) {
              breakBarrier();
            }
            throw e;
          }
        }
        return !g.broken;
      }
    });
    if (!passed) {
      throw new BrokenBarrierException();
    }
    return index;
  }

  /** A thread's place at the barrier: the passage it waits for and its arrival index. */
  private record Arrival(Generation generation, int index) {}

  /**
   * Takes a place at the barrier, after waiting (the GIL given up) while the last arrival of the
   * passage before runs the action: a thread that comes then belongs to the next passage, as in
   * CPython, whose barrier lets no one in while it drains.
   */
  private Arrival enter() throws InterruptedException, BrokenBarrierException {
    Arrival a;
    boolean wait;
    synchronized (monitor) {
      wait = passing;
      a = wait ? null : arrive();
    }
    if (wait) {
      a = Gil.blockOn(() -> {
        synchronized (monitor) {
          while (passing) {
            monitor.wait();
          }
          return arrive();
        }
      });
    }
    if (a == null) {
      throw new BrokenBarrierException();
    }
    return a;
  }

  /** A place in the current passage, or null if it is broken. Monitor held, not passing. */
  private Arrival arrive() {
    assert Thread.holdsLock(monitor) && !passing;
    Generation g = generation;
    if (g.broken) {
      return null;
    }
    int index = count++;
    if (index == parties - 1) {
      passing = true;
    }
    return new Arrival(g, index);
  }

  /** The last arrival: runs the action, then lets the others go, and the next passage in. */
  private void pass(Generation g) throws BrokenBarrierException {
    if (action != null) {
      try {
        action.run();
      } catch (RuntimeException | Error e) {
        synchronized (monitor) {
          if (g == generation) {
            breakBarrier();
          }
          passing = false;
          monitor.notifyAll();
        }
        throw e;
      }
    }
    synchronized (monitor) {
      passing = false;
      if (g.broken) {
        monitor.notifyAll();
        throw new BrokenBarrierException(); // aborted while the action ran
      }
      generation = new Generation();
      count = 0;
      monitor.notifyAll();
    }
  }

  private void breakBarrier() {
    generation.broken = true;
    monitor.notifyAll();
  }

  /** Breaks the barrier: every waiter, and every later wait until {@link #reset()}, fails. */
  public void abort() {
    synchronized (monitor) {
      breakBarrier();
    }
  }

  /** Makes the barrier new again; threads waiting at it now get a {@link BrokenBarrierException}. */
  public void reset() {
    synchronized (monitor) {
      if (count > 0) {
        breakBarrier();
      }
      generation = new Generation();
      count = 0;
    }
  }

  /**
   * How many threads it lets through at once.
   *
   * @return the number of parties
   */
  public int parties() {
    return parties;
  }

  /**
   * How many threads wait at it now: {@code n_waiting}.
   *
   * @return the number of waiting threads
   */
  public int waiting() {
    synchronized (monitor) {
      return generation.broken ? 0 : count;
    }
  }

  /**
   * Whether it is broken.
   *
   * @return whether the barrier is broken
   */
  public boolean broken() {
    synchronized (monitor) {
      return generation.broken;
    }
  }
}
