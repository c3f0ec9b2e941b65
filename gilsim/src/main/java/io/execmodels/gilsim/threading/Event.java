package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.Gil;
import java.time.Duration;

/**
 * {@code threading.Event}: a flag that threads wait to see set. {@link #set()} wakes every waiter;
 * {@link #clear()} lowers it again.
 *
 * <p>A waiter gives up its GIL while it waits. Thread-safe.
 */
public final class Event {
  private final Object monitor = new Object();
  private boolean flag; // guarded by monitor

  /** An event whose flag is down. */
  public Event() {}

  /** Raises the flag and wakes every waiter. */
  public void set() {
    synchronized (monitor) {
      flag = true;
      monitor.notifyAll();
    }
  }

  /** Lowers the flag. */
  public void clear() {
    synchronized (monitor) {
      flag = false;
    }
  }

  /**
   * Whether the flag is up: {@code is_set()}.
   *
   * @return whether the flag is up
   */
  public boolean isSet() {
    synchronized (monitor) {
      return flag;
    }
  }

  /**
   * Waits until the flag is up: {@code wait()}.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void await() throws InterruptedException {
    if (!isSet()) {
      Gil.blockOn(() -> {
        synchronized (monitor) {
          while (!flag) {
            monitor.wait();
          }
        }
        return null;
      });
    }
  }

  /**
   * Waits until the flag is up or {@code timeout} has passed: {@code wait(timeout)}.
   *
   * @param timeout the longest to wait; not negative
   * @return the flag when the wait ended (false if it timed out)
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public boolean await(Duration timeout) throws InterruptedException {
    long nanos = Waits.nanos(timeout);
    if (isSet()) {
      return true;
    }
    return Gil.blockOn(() -> {
      long deadline = System.nanoTime() + nanos;
      synchronized (monitor) {
        long left = nanos;
        while (!flag && left > 0) {
          monitor.wait(Math.max(1, left / 1_000_000), 0);
          left = deadline - System.nanoTime();
        }
        return flag;
      }
    });
  }
}
