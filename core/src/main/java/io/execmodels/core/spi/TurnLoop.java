package io.execmodels.core.spi;

/**
 * What an event loop offers {@link LoopTurns}, so that its tasks can borrow its turn: the loop's
 * side of the mechanism, which decides the order (Node's microtask checkpoint, asyncio's ready
 * batch); {@link LoopTurns} does the hand-offs.
 *
 * <p>The <em>batch</em> is the run of jobs the loop is working through right now: for Node, the
 * microtask checkpoint; for asyncio, the callbacks that were ready when the iteration began. A
 * task that parks goes on with the batch itself, one job at a time ({@link #nextJob}), as the loop
 * thread would, so the order is the loop's whichever thread runs it.
 *
 * <p>Only {@link #submit} is called from any thread; every other method only by the thread that
 * holds the turn.
 */
public interface TurnLoop {

  /**
   * Queues {@code job} to run on the loop: from the turn holder, where the loop queues work made
   * by running code (a microtask in Node, a {@code call_soon} in asyncio); from any other thread,
   * as a submission that wakes the loop. Any thread.
   *
   * @param job what to run on the loop
   */
  void submit(Runnable job);

  /**
   * The next job of the current batch, or {@code null} once the batch is over.
   *
   * @return the next job, or {@code null} at the batch's end
   */
  Runnable nextJob();

  /**
   * Runs {@code job}, a job of the batch that is not a task's resume, as the loop runs jobs.
   *
   * @param job the job to run
   */
  void runJob(Runnable job);

  /**
   * {@code fiber} starts a stretch of its code (a start or a resume): progress, for watchdogs.
   *
   * @param fiber the task whose stretch starts
   */
  void stepStarted(Fiber fiber);

  /**
   * {@code fiber}'s stretch is over: it parked or returned.
   *
   * @param fiber the task whose stretch is over
   */
  void stepEnded(Fiber fiber);

  /**
   * {@code fiber}'s body has returned; called on its thread, which still holds the turn, before
   * it goes on with the batch. The default does nothing.
   *
   * @param fiber the task whose body returned
   */
  default void taskEnded(Fiber fiber) {}

  /**
   * {@code thread} now holds the turn: it may call the loop's loop-only methods.
   *
   * @param thread the new turn holder: the loop thread or a task's
   */
  void setOwner(Thread thread);
}
