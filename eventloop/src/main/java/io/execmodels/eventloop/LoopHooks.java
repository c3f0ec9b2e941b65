package io.execmodels.eventloop;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What the other classes of this package call on their {@link EventLoop}: its package-private
 * side, kept off the loop's own surface and grouped by concern. Reached through {@code
 * loop.hooks()}; {@link EventLoop} implements it in a private class that forwards to itself.
 * Which thread may call each method is said on it (most are the loop thread's only).
 */
interface LoopHooks {

  // The loop thread and the turn

  /** Throws unless the calling code holds the loop's turn. Any thread. */
  void checkInLoop();

  /** The thread that holds the loop's turn now. Any thread (for the blocked-loop detector). */
  Thread owner();

  /** Hands the turn to {@code thread}: it may now call the loop-only methods. */
  void setOwner(Thread thread);

  /**
   * Runs {@code task} on the loop as soon as possible: as a microtask if called on the loop,
   * else as {@link EventLoop#execute}. For the model's resumes and spawns.
   */
  void submit(Runnable task);

  /**
   * The next job of the microtask checkpoint, or null once it is over: Node's {@code
   * processTicksAndRejections}, one job at a time — every tick, then every microtask (ticks
   * queued meanwhile wait), again until both are empty; then the rejections nobody handled. One
   * job at a time so that a task of the model that gives up the turn can go on with the
   * checkpoint itself. Turn holder only.
   */
  Runnable nextMicrotask();

  /** Runs one job of the checkpoint as the loop runs it: counted, its failure uncaught. */
  void invokeMicrotask(Runnable r);

  /** Counts a stretch of a model task as progress. Turn holder only. */
  void countProgress();

  /** A count that moves with every callback and task stretch run. Any thread. */
  long progress();

  /** Whether the loop sleeps in its selector (idle, not blocked). */
  boolean sleeping();

  // Callbacks

  /** Runs one macrotask callback, then the microtask checkpoint. Loop thread. */
  void runCallback(Runnable r);

  /**
   * Runs {@code r} now, within the current callback; what it throws goes the uncaught way (an
   * event listener's failure in Node), so the code that called it carries on. Loop only.
   */
  void runGuarded(Runnable r);

  /** Whether a callback's failure is ending the loop, so no more callbacks may run. */
  boolean failedFatally();

  // Handles that keep the loop alive

  /** A handle started keeping the loop alive. Loop only. */
  void refHandle();

  /** A handle stopped keeping the loop alive. Loop only. */
  void unrefHandle();

  /** A {@link KeepAlive} was closed. Any thread. */
  void releaseKeepAlive();

  /** Runs {@code callback} in the loop's close phase. Loop only. */
  void onClose(Runnable callback);

  // Timers

  /** Arms one of core's timers (its deadline set). */
  void addTimer(TimerNode t, boolean ref);

  /** Disarms one of core's timers that is armed. Loop only. */
  void removeTimer(TimerNode t, boolean ref);

  /** Arms a Node timer (its deadline set) at the end of its duration's list. */
  void addTimeout(Timeout t, long duration, boolean ref);

  /** Disarms a Node timer that is armed. */
  void removeTimeout(Timeout t, boolean ref);

  /** Takes an armed Node timer off its list (the list leaves the map once empty). */
  void timeoutExpired(Timeout t);

  // Promises

  /** Queues a promise reaction as a microtask. Loop only. */
  void enqueueReaction(Runnable job);

  /** Notes a rejected promise, reported after the drain if it has no handler by then. */
  void trackRejection(Promise<?> p);

  /** A promise reported unhandled has got a handler: reported after this microtask drain. */
  void handledLate(Promise<?> p);

  // Node's process

  /** {@link LoopProcess#exit(int)}: emits {@code exit}, then ends the loop at once. Loop thread. */
  void exit(int code);

  // Workers and shutdown

  /** The worker pool, started at its first use. */
  Executor workers();

  /** Waits up to {@code grace} for {@link EventLoop#run} to return; whether it has. */
  boolean awaitStopped(Duration grace) throws InterruptedException;

  /**
   * {@link EventLoop#close()}, waiting at most {@code grace} for the workers; whether they all
   * ended.
   */
  boolean closeWithin(Duration grace);
}
