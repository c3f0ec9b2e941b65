package io.execmodels.core.spi;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform thread that runs what it is given, in the order given: the single carrier of a
 * model's virtual threads ({@link Carriers#virtualThreadsOn}). Everything a model runs on it runs
 * one piece at a time, so a hand-off between two of its virtual threads is a continuation switch
 * on this thread: the unparker's submission is queued here, the parker yields, this thread runs
 * the next in line. A submission from another thread wakes it if it sleeps.
 *
 * <p><b>Inheritance.</b> A virtual thread made without a scheduler by code running on this carrier
 * gets this carrier as its scheduler (the JDK's rule for custom schedulers): a task's own {@code
 * Thread.ofVirtual()} threads, and the JDK's, such as the I/O poller threads it starts on the
 * first blocking socket call. So what runs here must not block the carrier for long if other
 * threads of the JVM may depend on it, and such threads may outlive the model: after {@link
 * #close}, what they submit runs on the common {@code ForkJoinPool} instead (a blocking socket read
 * elsewhere in the JVM hung for good when a closed carrier refused the poller it needed).
 *
 * <p>{@link #execute} from any thread; {@link #close} lets this carrier's thread end once what runs
 * on it parks or returns, without waiting for it.
 */
public final class OneCarrier implements Executor, AutoCloseable {
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  /** Set by the thread before it parks, cleared after: a submitter that sees it unparks it. */
  private volatile boolean sleeping;
  private volatile boolean closed;

  /**
   * Starts the carrier thread, a daemon named {@code name}.
   *
   * @param name the carrier thread's name
   */
  public OneCarrier(String name) {
    thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    thread.start();
  }

  @Override
  public void execute(Runnable command) {
    queue.add(command);
    // Read after the add (volatile accesses, all): either the thread sees the command before it
    // stops or sleeps, or this sees it closed (then hands the queue on: the thread may be gone) or
    // sleeping (then wakes it).
    if (closed) {
      handOn();
    } else if (sleeping) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Runs what is queued on the common pool: once closed, for a virtual thread that inherited this
   * carrier and outlived it (see the class comment). Safe from any thread, and more than once.
   */
  private void handOn() {
    for (Runnable late; (late = queue.poll()) != null; ) {
      ForkJoinPool.commonPool().execute(late);
    }
  }

  /**
   * The carrier thread, for tests and diagnostics.
   *
   * @return the carrier thread
   */
  public Thread thread() {
    return thread;
  }

  private void run() {
    while (true) {
      Runnable r = queue.poll();
      if (r != null) {
        r.run();
        continue;
      }
      if (closed) {
        handOn();
        return;
      }
      sleeping = true;
      if (queue.isEmpty() && !closed) {
        LockSupport.park(this);
      }
      sleeping = false;
    }
  }

  /**
   * Stops taking work: from now on what is submitted runs on the common pool (see the class
   * comment), and the carrier's thread ends as soon as what runs on it now parks or returns. Does
   * not wait for that ({@link #thread()} to join it), so a model may close its carrier even while
   * a task that ignored its cancellation still holds it. Idempotent; any thread.
   */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }

  @Override
  public String toString() {
    return "OneCarrier[" + thread.getName() + (closed ? ", closed" : "") + "]";
  }
}
