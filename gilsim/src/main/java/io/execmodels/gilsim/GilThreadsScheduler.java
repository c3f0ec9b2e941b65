package io.execmodels.gilsim;

import io.execmodels.core.Traits;
import io.execmodels.core.spi.AbstractScheduler;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.TaskBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code gil-threads} scheduler: each task is a platform thread that runs under one {@link
 * Gil}, as each {@code threading.Thread} is an OS thread under CPython's.
 *
 * <p>Where CPython releases the GIL, so does this: around every wait (a park: await, channel,
 * select, lock), every sleep (even of zero) and every blocking call. {@code checkpoint()} is the
 * eval breaker, where a holder asked to drop the GIL does. {@code compute} runs in place, holding
 * the GIL, as pure-Python CPU work does. A park whose wake-up has already come returns without
 * giving up the GIL, as a lock acquire that succeeds at once does in CPython.
 *
 * <p>Free-threaded ({@code gil.enabled=false}): the same threads with no GIL, in parallel.
 */
final class GilThreadsScheduler extends AbstractScheduler {
  private static final ThreadLocal<GilFiber> CURRENT = new ThreadLocal<>();

  private final Gil gil;
  private final Traits traits;
  /** The tasks' threads, until they end. */
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong names = new AtomicLong();

  GilThreadsScheduler(Gil gil, int parallelism) {
    super("the gil-threads scheduler", "execmodels-gil-timer");
    this.gil = gil;
    this.traits = new Traits(parallelism,
        gil.isEnabled() ? Traits.Preemption.CHECKPOINTS : Traits.Preemption.FULL,
        Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  Gil gil() {
    return gil;
  }

  @Override
  public Traits traits() {
    return traits;
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    GilFiber fiber = new GilFiber(body);
    String name = body.givenName();
    Thread thread = Thread.ofPlatform()
        .name(name != null ? name : "Thread-" + names.incrementAndGet())
        .daemon(true)
        .unstarted(() -> run(fiber));
    fiber.thread = thread;
    threads.add(thread);
    // Read after the add: a shutdown that set the flag first will find the thread to join.
    try {
      ensureOpen();
    } catch (RejectedExecutionException e) {
      threads.remove(thread);
      throw e;
    }
    thread.start();
    return fiber;
  }

  private void run(GilFiber fiber) {
    CURRENT.set(fiber);
    try {
      gil.runAsThread(fiber.body());
    } finally {
      CURRENT.remove();
      threads.remove(Thread.currentThread());
    }
  }

  @Override
  public Fiber current() {
    GilFiber f = CURRENT.get();
    return f != null && Gil.current() == gil ? f : null;
  }

  @Override
  public void park(Object blocker) {
    waitFor(blocker, false, 0);
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    waitFor(blocker, true, deadlineNanos);
  }

  private void waitFor(Object blocker, boolean timed, long deadlineNanos) {
    GilFiber self = CURRENT.get();
    if (self.takeWakeUp()) {
      return;
    }
    // Inside a blocking call the GIL is already given up, and a wait there keeps it so.
    boolean held = gil.isHeldByCurrentThread();
    if (held) {
      gil.release();
    }
    try {
      self.park(blocker, timed, deadlineNanos);
    } finally {
      if (held) {
        gil.acquire();
      }
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    ((GilFiber) fiber).unpark();
  }

  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    return gil.released(call);
  }

  @Override
  public void checkpoint() {
    gil.checkpoint();
  }

  @Override
  public Map<String, Long> stats() {
    GilStats s = gil.stats();
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("gil.takes", s.takes());
    m.put("gil.switches", s.switches());
    m.put("gil.contendedTakes", s.contendedTakes());
    m.put("gil.dropRequests", s.dropRequests());
    m.put("gil.forcedSwitches", s.forcedSwitches());
    m.put("gil.heldNanos", s.held().toNanos());
    m.put("gil.waitedNanos", s.waited().toNanos());
    m.put("threads.live", (long) gil.threadCount());
    return m;
  }

  /**
   * Waits, as the interpreter's exit does, for every thread under the GIL: the tasks, and the
   * {@code threading} threads they started (daemon or not: a JVM cannot abandon a thread
   * mid-flight as CPython does its daemon threads). Then stops the timers.
   */
  @Override
  protected boolean stop(GraceDeadline deadline) {
    boolean ended = deadline.join(threads);
    try {
      ended &= gil.awaitThreads(deadline.nanoTime());
      gil.finalizeInterpreter();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = false;
    }
    return ended;
  }
}
