package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Traits;
import io.execmodels.core.spi.AbstractScheduler;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Carriers;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.LoopTurns;
import io.execmodels.core.spi.OneCarrier;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TaskBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

/**
 * The {@code asyncio} model's scheduler: one {@link Loop} on its own virtual thread, and tasks
 * that borrow its turn through core's {@link LoopTurns} (the mechanism eventloop uses too). Here
 * the batch a parking task goes on with is the loop iteration's ready callbacks, and every resume
 * is a {@code call_soon}: a task woken in one iteration runs its next step in the next, as an
 * asyncio task's {@code __wakeup} does. A zero sleep (or one already due) gives the turn up for
 * exactly one iteration, as {@code await asyncio.sleep(0)}.
 *
 * <p>{@code blocking} is {@code asyncio.to_thread}: the call runs on the loop's default executor
 * while the task waits; {@code compute} runs in place and holds the loop, as CPU work in a
 * coroutine does; {@code checkpoint} does nothing (asyncio never preempts). Timers are the loop's
 * heap. Thread-safe as {@link Scheduler} requires.
 */
final class AsyncioScheduler extends AbstractScheduler {
  private final Loop loop;
  private final LoopTurns turns;
  /** The loop's own carrier, or null on the default virtual-thread scheduler. */
  private final OneCarrier carrier;

  AsyncioScheduler(AsyncioOptions options) {
    super("the asyncio scheduler");
    // On the loop's own carrier, the loop and every task run on one platform thread, so a
    // hand-off is a continuation switch there, and spinning for the turn would only hold the
    // carrier the turn's holder needs.
    this.carrier = options.ownCarrier() ? new OneCarrier("asyncio-carrier") : null;
    ThreadFactory threads = carrier != null
        ? Carriers.virtualThreadsOn(carrier) : Thread.ofVirtual().factory();
    this.loop = new Loop(options.debug(), options.slowCallback(), options.executorThreads(),
        threads);
    this.turns = new LoopTurns("Task-", loop.turnLoop(), loop.thread(),
        carrier != null ? 0 : options.turnSpins(), true, threads);
    loop.start();
  }

  Loop loop() {
    return loop;
  }

  @Override
  public Traits traits() {
    return new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    ensureOpen();
    loop.bodyStarted(body.task());
    return turns.spawn(body);
  }

  @Override
  public Fiber current() {
    return turns.current();
  }

  @Override
  public void park(Object blocker) {
    turns.park(blocker);
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    if (deadlineNanos - System.nanoTime() <= 0) {
      // asyncio.sleep(0): a bare yield, the task's next step one iteration later.
      turns.yieldTurn(blocker);
      return;
    }
    super.parkUntil(blocker, deadlineNanos);
  }

  @Override
  public void unpark(Fiber fiber) {
    turns.unpark(fiber);
  }

  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    ensureOpen();
    return loop.schedule(deadlineNanos, action);
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    if (turns.current() == null) {
      return call.call();
    }
    return turns.blocking(loop.defaultExecutor(), call);
  }

  @Override
  public void checkpoint() {}

  @Override
  public Map<String, Long> stats() {
    Map<String, Long> m = new LinkedHashMap<>(loop.stats());
    m.put("tasks.threads", (long) turns.liveThreads());
    return m;
  }

  /**
   * Stops the loop, then waits for its thread, the tasks' threads, the default executor and the
   * carrier's thread. The carrier is closed whatever came of the waits: a task that outlived the
   * grace goes on on the common pool once it parks (see {@link OneCarrier}).
   */
  @Override
  protected boolean stop(GraceDeadline deadline) {
    loop.stop();
    boolean ended = turns.joinThreads(deadline);
    try {
      boolean closed = loop.awaitClosed(deadline.nanoTime());
      if (carrier != null) {
        carrier.close();
        ended &= deadline.join(carrier.thread());
      }
      return closed && ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
