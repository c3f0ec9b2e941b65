package io.execmodels.core.spi;

import java.time.Duration;

/**
 * The end of a shutdown's grace on {@link System#nanoTime()}'s clock: a scheduler's shutdown
 * spends one grace on all its steps (fibers, timers, loops, worker pools), each taking what the
 * steps before it left. Never negative: a step that comes after the deadline gets zero, which
 * means "look, do not wait". Immutable.
 */
public final class GraceDeadline {
  private final long deadlineNanos;

  private GraceDeadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * The deadline {@code grace} from now; a grace beyond about 73 years counts as that.
   *
   * @param grace how long from now; a negative one counts as zero
   * @return the deadline
   */
  public static GraceDeadline after(Duration grace) {
    long far = Long.MAX_VALUE / 4;
    long nanos = grace.compareTo(Duration.ofNanos(far)) > 0 ? far : Math.max(0, grace.toNanos());
    return new GraceDeadline(System.nanoTime() + nanos);
  }

  /**
   * The deadline itself, a value of {@link System#nanoTime()}.
   *
   * @return the deadline, on the {@link System#nanoTime()} clock
   */
  public long nanoTime() {
    return deadlineNanos;
  }

  /**
   * The nanoseconds left until the deadline; zero once it has passed.
   *
   * @return the nanoseconds left; 0 once the deadline has passed
   */
  public long nanosLeft() {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  /**
   * The time left until the deadline; zero once it has passed.
   *
   * @return the time left; {@link Duration#ZERO} once the deadline has passed
   */
  public Duration left() {
    return Duration.ofNanos(nanosLeft());
  }

  /**
   * Waits until the deadline at most for each of {@code threads} to end. An interrupt stops the
   * wait: the flag is restored and the answer is {@code false}.
   *
   * @param threads the threads to wait for; empty answers {@code true} at once
   * @return whether every one of them has ended
   */
  public boolean join(Iterable<Thread> threads) {
    boolean ended = true;
    for (Thread t : threads) {
      ended &= join(t);
    }
    return ended;
  }

  /**
   * Waits until the deadline at most for {@code thread} to end. An interrupt stops the wait: the
   * flag is restored and the answer is {@code false}.
   *
   * @param thread the thread to wait for
   * @return whether it has ended
   */
  public boolean join(Thread thread) {
    try {
      return thread.join(left());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
