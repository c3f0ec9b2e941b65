package io.execmodels.eventloop;

/**
 * An entry of the loop's {@link TimerHeap}: a deadline on {@link System#nanoTime()} and the order
 * it was armed in, which breaks ties so that timers due at once fire in creation order. Loop
 * thread only.
 */
abstract class TimerNode {
  long deadline;
  long seq;
  /** Position in the heap, or -1 when not in it. */
  int index = -1;

  /**
   * Is due at {@code now} (the timers phase's clock): takes itself (or its due timers) off the
   * heap and runs them, on the loop.
   */
  abstract void expire(EventLoop loop, long now);
}
