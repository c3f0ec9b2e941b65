package io.execmodels.csp;

import java.util.concurrent.Semaphore;

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
 * <p>The cost: two semaphore operations around every park, which a model without a limit does not
 * pay, and a wake-up that may have to wait for a permit after its virtual thread resumed.
 */
final class ProcessorLimit {
  private final int processors;
  private final Semaphore permits;

  ProcessorLimit(int processors) {
    this.processors = processors;
    this.permits = new Semaphore(processors, true);
  }

  int processors() {
    return processors;
  }

  /** Waits for a processor to run on; not interruptible, like Go's wait for a P. */
  void acquire() {
    permits.acquireUninterruptibly();
  }

  /** Gives the processor up: the goroutine is about to wait, or has ended. */
  void release() {
    permits.release();
  }

  /** Gives the processor to a goroutine waiting for one, if any, and waits for it back. */
  void yieldIfWanted() {
    if (permits.hasQueuedThreads()) {
      permits.release();
      permits.acquireUninterruptibly();
    }
  }
}
