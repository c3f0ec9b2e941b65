package io.execmodels.csp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Go's {@code GOMAXPROCS} for one model, when it asks for fewer processors than the JVM's virtual
 * threads have carriers: at most {@code n} of the model's goroutines execute at once.
 *
 * <p>Go's scheduler gives each running goroutine a P, and there are {@code GOMAXPROCS} Ps; a
 * goroutine gives its P up when it blocks (on a channel, a lock, a sleep, or a system call) and
 * needs one back to go on. Here a P is a permit of a fair semaphore: a goroutine takes one when it
 * starts, gives it back while it is parked or in a blocking call, and takes one again to continue.
 * Fair, so that goroutines waiting to run get a permit in the order they asked, as Go's global run
 * queue hands them out; a checkpoint gives its permit up only if someone waits for one.
 *
 * <p><b>Retaking.</b> A goroutine can also block where core cannot see it: in a {@code
 * java.util.concurrent} lock, a monitor, a raw {@code Thread.sleep}. It keeps its permit there,
 * and if every holder is so blocked, perhaps on a lock that a goroutine waiting for a permit holds,
 * nothing would ever run again. Go's monitor thread retakes the P of a goroutine stuck in a system
 * call; likewise a goroutine that has waited {@link #RETAKE_AFTER_MILLIS} for a permit looks at the
 * holders' threads, and if none of them is runnable it goes on without a permit, as a debt that the
 * next release pays instead of returning its permit. Until then the limit is exceeded by the
 * number of such debts.
 *
 * <p>The cost: two semaphore operations and two updates of the holder set around every park, paid
 * only by a model with a limit, and a wake-up that may have to wait for a permit after its virtual
 * thread resumed.
 */
final class ProcessorLimit {
  /** How long a goroutine waits for a permit before it looks whether every holder is blocked. */
  static final long RETAKE_AFTER_MILLIS = 10;

  private final Semaphore permits;
  private final Set<Thread> holders = ConcurrentHashMap.newKeySet();
  private final AtomicInteger debts = new AtomicInteger();

  ProcessorLimit(int processors) {
    this.permits = new Semaphore(processors, true);
  }

  /** Waits for a processor to run on; not interruptible, like Go's wait for a P. */
  void acquire() {
    boolean interrupted = false;
    for (;;) {
      try {
        if (permits.tryAcquire(RETAKE_AFTER_MILLIS, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
        continue;
      }
      if (everyHolderBlocked()) {
        debts.incrementAndGet();
        break;
      }
    }
    holders.add(Thread.currentThread());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Gives the processor up if the calling goroutine holds one: it is about to wait, or has ended.
   * A goroutine that waits inside a blocking call has given its processor up already.
   *
   * @return whether it held one (and must {@link #acquire} again to go on)
   */
  boolean releaseIfHeld() {
    if (!holders.remove(Thread.currentThread())) {
      return false;
    }
    for (int d; (d = debts.get()) > 0; ) {
      if (debts.compareAndSet(d, d - 1)) {
        return true;
      }
    }
    permits.release();
    return true;
  }

  /** Gives a held processor to a goroutine waiting for one, if any, and waits for it back. */
  void yieldIfWanted() {
    if (permits.hasQueuedThreads() && releaseIfHeld()) {
      acquire();
    }
  }

  /** Whether there are holders and not one of them can run now without someone else's help. */
  private boolean everyHolderBlocked() {
    boolean any = false;
    for (Thread t : holders) {
      Thread.State state = t.getState();
      if (state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
        return false;
      }
      any = true;
    }
    return any;
  }
}
