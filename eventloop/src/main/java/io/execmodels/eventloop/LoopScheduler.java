package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.AbstractScheduler;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Carriers;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.LoopTurns;
import io.execmodels.core.spi.OneCarrier;
import io.execmodels.core.spi.TaskBody;
import io.execmodels.core.spi.TurnLoop;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

/**
 * The {@code eventloop} model's scheduler: one {@link EventLoop} on its own virtual thread, and
 * tasks that borrow its turn.
 *
 * <p><b>The turn</b> is core's {@link LoopTurns}, shared with the {@code asyncio} model: each task
 * is a virtual thread, and only one of {the loop thread, the tasks} runs at a time. A task's
 * stretch between two suspension points is one loop callback: a start or a resume, run from a
 * macrotask (a timer, a submission from another thread) or from the microtask checkpoint. It
 * blocks the loop while it runs, the checkpoint follows it, and the blocked-loop detector sees it
 * (each stretch counts as progress).
 *
 * <p>Here the batch a parking task goes on with is Node's microtask checkpoint ({@link
 * EventLoop#nextMicrotask}), and a resume is queued as a microtask when the waker holds the turn
 * (an {@code await} continuation in Node), as a submitted task from any other thread (a worker's
 * result, a foreign cancel). A task that hands the turn to an awake one spins {@link
 * LoopOptions#turnSpins} times before it sleeps.
 *
 * <p><b>The loop thread is virtual too</b>, so every hand-off is between virtual threads: a
 * carrier switches continuations, with no operating-system wake-up on the way. While the loop
 * waits in its selector it pins its carrier; the JDK lends a spare carrier to other virtual
 * threads meanwhile. So a suspension resumed by another task costs one thread switch (see the
 * README for the figures).
 *
 * <p>{@code blocking} runs the call on the loop's worker pool while the task parks; {@code
 * compute} runs in place, holding the loop, as CPU work in a Node callback does; {@code
 * checkpoint} does nothing. Timers are the loop's own, in its timers phase.
 */
final class LoopScheduler extends AbstractScheduler implements LoopModelScheduler {
  private static final System.Logger LOG = System.getLogger("io.execmodels");

  /** The loop's side of the turn mechanism: Node's microtask checkpoint is the batch. */
  private static final class Checkpoint implements TurnLoop {
    private final EventLoop loop;

    Checkpoint(EventLoop loop) {
      this.loop = loop;
    }

    @Override
    public void submit(Runnable job) {
      loop.hooks().submit(job);
    }

    @Override
    public Runnable nextJob() {
      return loop.hooks().nextMicrotask();
    }

    @Override
    public void runJob(Runnable job) {
      loop.hooks().invokeMicrotask(job);
    }

    @Override
    public void stepStarted(Fiber fiber) {
      loop.hooks().countProgress();
    }

    @Override
    public void stepEnded(Fiber fiber) {}

    @Override
    public void setOwner(Thread thread) {
      loop.hooks().setOwner(thread);
    }
  }

  private final EventLoop loop;
  private final KeepAlive keepAlive;
  private final Thread loopThread;
  /** The loop's own carrier, or null on the default virtual-thread scheduler. */
  private final OneCarrier carrier;
  private final LoopTurns turns;

  LoopScheduler(Config config) {
    super("the eventloop scheduler");
    config.parallelism().ifPresent(p -> {
      if (p != 1) {
        throw new IllegalArgumentException("eventloop: parallelism " + p + " asked, but one"
            + " Node.js process runs one callback at a time (parallelism 1); use the cluster"
            + " model for more");
      }
    });
    LoopOptions options = LoopOptions.from(config).withOnUncaughtException(e -> LOG.log(
        Level.ERROR, "eventloop: a loop callback of the model threw; the loop goes on", e));
    this.loop = new EventLoop(options);
    this.keepAlive = loop.keepAlive();
    // On a carrier of its own, the loop and every task run on one platform thread, as Node's do
    // on its one thread: a hand-off of the turn is a continuation switch there, and spinning for
    // the turn would only hold the carrier the turn's holder needs.
    this.carrier = options.ownCarrier() ? new OneCarrier("execmodels-eventloop-carrier") : null;
    ThreadFactory threads = carrier != null
        ? Carriers.virtualThreadsOn(carrier) : Thread.ofVirtual().factory();
    this.loopThread = threads.newThread(() -> loop.run(() -> { }));
    loopThread.setName("execmodels-eventloop");
    this.turns = new LoopTurns("eventloop-task-", new Checkpoint(loop), loopThread,
        carrier != null ? 0 : options.turnSpins(), false, threads);
    loopThread.start();
  }

  @Override
  public EventLoop loop() {
    return loop;
  }

  @Override
  public Traits traits() {
    return new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    ensureOpen();
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
  public void unpark(Fiber fiber) {
    turns.unpark(fiber);
  }

  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    ensureOpen();
    CoreTimer t = new CoreTimer(loop, deadlineNanos, action);
    t.arm();
    return t;
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    return turns.blocking(loop.hooks().workers(), call);
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
   * Lets the loop run out of work (core's timers are unref'd), then closes it and waits for the
   * threads of the loop, its workers and the tasks.
   */
  @Override
  protected boolean stop(GraceDeadline deadline) {
    keepAlive.close();
    try {
      if (!loop.hooks().awaitStopped(deadline.left())) {
        loop.stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    boolean ended = deadline.join(loopThread) && turns.joinThreads(deadline);
    if (carrier != null) {
      // Whatever came of the waits: a thread that outlived the grace goes on on the common pool
      // once it parks (see OneCarrier).
      carrier.close();
      ended &= deadline.join(carrier.thread());
    }
    if (!ended) {
      return false;
    }
    try {
      return loop.hooks().closeWithin(deadline.left());
    } catch (IllegalStateException e) {
      LOG.log(Level.ERROR, "eventloop: closing the loop", e);
      return false;
    }
  }
}
