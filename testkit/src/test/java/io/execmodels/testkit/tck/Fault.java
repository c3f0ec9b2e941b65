package io.execmodels.testkit.tck;

import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.Scheduler;
import io.execmodels.core.spi.TaskBody;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * One broken rule of the SPI contract (see {@link Scheduler}'s comment), as a decorator around a
 * correct scheduler, for {@link FaultyModelsTest} to show that the TCK rule named for it fails.
 * Each overrides one operation of {@link ForwardingScheduler}, so a change to the SPI costs each
 * at most the line that calls the changed method.
 */
enum Fault {

  /** None: the correct scheduler. */
  NONE(s -> s),

  /**
   * Shut down twice: each shutdown is passed on twice, as a core that shut its scheduler down a
   * second time would. The correct scheduler refuses the second call, so close fails.
   */
  DOUBLE_SHUTDOWN(s -> new ForwardingScheduler(s) {
    @Override
    public boolean shutdown(Duration grace) {
      delegate.shutdown(grace);
      return delegate.shutdown(grace);
    }
  }),

  /** A body run twice: each body is started on two fibers. */
  BODY_RUN_TWICE(s -> new ForwardingScheduler(s) {
    @Override
    public Fiber spawn(Fiber parent, TaskBody body) {
      Fiber fiber = delegate.spawn(parent, body);
      delegate.spawn(parent, body);
      return fiber;
    }
  }),

  /**
   * A park from another thread than the fiber's own: the untimed park is made on a helper
   * thread, on the parking fiber's behalf. The correct scheduler refuses it (a fiber parks only
   * itself), so the task that waits fails.
   */
  PARK_FROM_ANOTHER_THREAD(s -> new ForwardingScheduler(s) {
    @Override
    public void park(Object blocker) {
      FutureTask<Void> parking = new FutureTask<>(() -> {
        delegate.park(blocker);
        return null;
      });
      Thread.ofPlatform().name("parks-for-another").start(parking);
      try {
        parking.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }),

  /**
   * A park that swallows the interrupt status, as a scheduler waiting with an interruptible call
   * and catching the {@code InterruptedException} would: the task's own code loses its interrupt.
   */
  PARK_CLEARS_INTERRUPT(s -> new ForwardingScheduler(s) {
    @Override
    public void park(Object blocker) {
      Thread.interrupted();
      delegate.park(blocker);
    }
  }),

  /**
   * A shutdown with live fibers that never gives up: it waits for every fiber however long the
   * grace, so a task that ignores its cancellation holds close up for good.
   */
  SHUTDOWN_IGNORES_GRACE(s -> new ForwardingScheduler(s) {
    @Override
    public boolean shutdown(Duration grace) {
      return delegate.shutdown(Duration.ofDays(1));
    }
  }),

  /** A shutdown that reports threads left alive (it says false), as one that cannot stop does. */
  SHUTDOWN_FAILS(s -> new ForwardingScheduler(s) {
    @Override
    public boolean shutdown(Duration grace) {
      delegate.shutdown(grace);
      return false;
    }
  });

  /** The model option that picks a fault: {@code minimal.fault=body-run-twice}. */
  static final String OPTION = "minimal.fault";

  private final UnaryOperator<Scheduler> wrap;

  Fault(UnaryOperator<Scheduler> wrap) {
    this.wrap = wrap;
  }

  /** {@code correct}, broken this way. */
  Scheduler around(Scheduler correct) {
    return wrap.apply(correct);
  }

  /** The option's value for this fault. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The fault an option's value names. */
  static Fault of(String optionValue) {
    return valueOf(optionValue.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
