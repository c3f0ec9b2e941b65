package io.execmodels.testkit.turns;

import io.execmodels.core.Traits;
import io.execmodels.core.spi.AbstractScheduler;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.TaskBody;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A second, deliberately different implementation of the SPI, for the testkit's own tests: tasks
 * take turns. Each task has a platform thread, but only the holder of the one turn runs; it gives
 * the turn up only when it parks (or makes a blocking call), and the longest-waiting ready task
 * gets it. So it switches only at suspension points, with parallelism 1 — the rules of an event
 * loop's async functions — where {@code csp} runs tasks in parallel on virtual threads.
 *
 * <p>Running the TCK on both shows the rules rest on the SPI's contract, not on what one model
 * happens to do. All state is guarded by {@code lock}; a fiber waits for the turn on its own
 * condition.
 */
final class TurnTakingScheduler extends AbstractScheduler {

  private final class TurnFiber implements Fiber {
    final TurnTakingScheduler owner = TurnTakingScheduler.this;
    final TaskBody body;
    final Condition turn = lock.newCondition();
    /** Parked and not yet unparked. */
    boolean parked;
    /** An unpark came while not parked: the next park returns at once. */
    boolean permit;

    TurnFiber(TaskBody body) {
      this.body = body;
    }

    @Override
    public TaskBody body() {
      return body;
    }
  }

  private static final ThreadLocal<TurnFiber> CURRENT = new ThreadLocal<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<TurnFiber> ready = new ArrayDeque<>();
  private TurnFiber holder;

  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("turns-", 1).factory());

  TurnTakingScheduler() {
    super("the turn-taking scheduler", "turns-timer");
  }

  @Override
  public Traits traits() {
    return new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, Integer.MAX_VALUE);
  }

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    ensureOpen();
    TurnFiber fiber = new TurnFiber(body);
    threads.execute(() -> {
      CURRENT.set(fiber);
      lock.lock();
      try {
        makeReady(fiber);
        awaitTurn(fiber);
      } finally {
        lock.unlock();
      }
      try {
        body.run();
      } finally {
        lock.lock();
        try {
          passTurn();
        } finally {
          lock.unlock();
        }
      }
    });
    return fiber;
  }

  @Override
  public Fiber current() {
    TurnFiber fiber = CURRENT.get();
    return fiber != null && fiber.owner == this ? fiber : null;
  }

  @Override
  public void park(Object blocker) {
    TurnFiber self = CURRENT.get();
    lock.lock();
    try {
      if (self.permit) {
        self.permit = false;
        return;
      }
      self.parked = true;
      passTurn();
      awaitTurn(self);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    TurnFiber f = (TurnFiber) fiber;
    lock.lock();
    try {
      if (f.parked) {
        f.parked = false;
        makeReady(f);
      } else {
        f.permit = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Queues {@code f} for the turn, and hands it the turn if nobody holds it. Lock held. */
  private void makeReady(TurnFiber f) {
    ready.addLast(f);
    if (holder == null) {
      passTurn();
    }
  }

  /** Gives the turn to the longest-waiting ready fiber, if any. Lock held. */
  private void passTurn() {
    holder = ready.pollFirst();
    if (holder != null) {
      holder.turn.signal();
    }
  }

  /** Waits until {@code f} holds the turn, ignoring interrupts as a parked task must. Lock held. */
  private void awaitTurn(TurnFiber f) {
    while (holder != f) {
      f.turn.awaitUninterruptibly();
    }
  }

  /** Gives the turn up for the call, as a loop hands blocking work to another thread. */
  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    TurnFiber self = CURRENT.get();
    lock.lock();
    try {
      passTurn();
    } finally {
      lock.unlock();
    }
    try {
      return call.call();
    } finally {
      lock.lock();
      try {
        makeReady(self);
        awaitTurn(self);
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void checkpoint() {}

  @Override
  protected boolean stop(GraceDeadline deadline) {
    threads.shutdown();
    try {
      return threads.awaitTermination(deadline.nanosLeft(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
