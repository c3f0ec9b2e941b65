package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * {@code threading.Thread}: a platform thread that runs {@code target} under a {@link Gil}, the
 * GIL of the thread that created it (a task of {@code gil-threads}, or any thread inside {@link
 * Gil#runAsThread}) unless one is given.
 *
 * <p>As in CPython: {@link #start()} may be called once and returns only once the new thread runs;
 * {@link #join(Duration)} returns nothing, so ask {@link #isAlive()} whether it timed out; an
 * exception that escapes the target goes to the {@linkplain #setExceptHook except hook} (by
 * default printed as "Exception in thread NAME:" and its stack trace, on {@code System.err}) and
 * is not rethrown by {@code join}. Daemon status is inherited from the creating {@code PyThread}
 * (other creators make non-daemon threads). Unlike CPython's, a daemon thread is not abandoned
 * when its interpreter ends: the {@code gil-threads} model waits for every thread under its GIL
 * when it closes, within its shutdown grace, as a JVM cannot stop a thread mid-flight.
 *
 * <p>Thread-safe.
 */
public final class PyThread {
  private static final AtomicLong NUMBERS = new AtomicLong();
  private static final ThreadLocal<PyThread> CURRENT = new ThreadLocal<>();
  private static final BiConsumer<PyThread, Throwable> PRINT = (thread, e) -> {
    synchronized (System.err) {
      System.err.println("Exception in thread " + thread.name() + ":");
      e.printStackTrace();
    }
  };
  private static volatile BiConsumer<PyThread, Throwable> exceptHook = PRINT;

  private final Gil gil;
  private final String name;
  private final Runnable target;
  private volatile boolean daemon;
  private final AtomicBoolean startCalled = new AtomicBoolean();
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile Thread thread;

  /**
   * A thread named {@code name} that will run {@code target} under {@code gil}.
   *
   * @param gil the GIL the thread runs under
   * @param name the thread's name
   * @param target the thread's code
   * @throws NullPointerException if an argument is null
   */
  public PyThread(Gil gil, String name, Runnable target) {
    this.gil = Objects.requireNonNull(gil, "gil");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    PyThread creator = CURRENT.get();
    this.daemon = creator != null && creator.daemon;
  }

  /**
   * A thread named {@code name} that will run {@code target} under the calling thread's GIL.
   *
   * @param name the thread's name
   * @param target the thread's code
   * @throws IllegalStateException if the calling thread runs under no GIL
   */
  public PyThread(String name, Runnable target) {
    this(callersGil(), name, target);
  }

  /**
   * A thread named {@code Thread-N}, as CPython names them, under the calling thread's GIL.
   *
   * @param target the thread's code
   */
  public PyThread(Runnable target) {
    this(callersGil(), "Thread-" + NUMBERS.incrementAndGet(), target);
  }

  private static Gil callersGil() {
    Gil gil = Gil.current();
    if (gil == null) {
      throw new IllegalStateException(Thread.currentThread().getName() + " runs under no GIL:"
          + " create a PyThread from a gil-threads task, inside Gil.runAsThread, or give it a Gil");
    }
    return gil;
  }

  /**
   * Sets the daemon flag.
   *
   * @param on whether the thread is a daemon
   * @return this thread
   * @throws IllegalStateException once it has started ("cannot set daemon status of active
   *     thread")
   */
  public PyThread daemon(boolean on) {
    if (startCalled.get()) {
      throw new IllegalStateException("cannot set daemon status of active thread");
    }
    this.daemon = on;
    return this;
  }

  /**
   * The daemon flag.
   *
   * @return whether the thread is a daemon
   */
  public boolean isDaemon() {
    return daemon;
  }

  /**
   * The thread's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Starts the thread and waits until it runs (giving up the caller's GIL meanwhile, which the new
   * thread needs).
   *
   * @throws IllegalStateException if it was started before ("threads can only be started once"),
   *     or its interpreter has ended, its model closed ("can't create new thread at interpreter
   *     shutdown")
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void start() throws InterruptedException {
    if (gil.isFinalized()) {
      throw new IllegalStateException("can't create new thread at interpreter shutdown");
    }
    if (!startCalled.compareAndSet(false, true)) {
      throw new IllegalStateException("threads can only be started once");
    }
    thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    Gil.blockOn(() -> {
      started.await();
      return null;
    });
  }

  private void run() {
    try {
      gil.runAsThread(() -> {
        CURRENT.set(this);
        started.countDown();
        try {
          target.run();
        } catch (Throwable e) {
          report(e);
        } finally {
          CURRENT.remove();
        }
      });
    } finally {
      started.countDown(); // a GIL that refused the thread must not leave start() waiting
      ended.countDown();
    }
  }

  private void report(Throwable e) {
    try {
      exceptHook.accept(this, e);
    } catch (Throwable hookFailed) {
      // CPython falls back on its own printing when the hook fails; so does this.
      hookFailed.addSuppressed(e);
      PRINT.accept(this, hookFailed);
    }
  }

  /**
   * Waits until the thread ends.
   *
   * @throws IllegalStateException if it has not started ("cannot join thread before it is
   *     started"), or it is the calling thread ("cannot join current thread")
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void join() throws InterruptedException {
    checkJoinable();
    Gil.blockOn(() -> {
      ended.await();
      return null;
    });
  }

  /**
   * Waits until the thread ends or {@code timeout} has passed; returns nothing either way, as
   * CPython's does: {@link #isAlive()} tells which.
   *
   * @param timeout the longest to wait; not negative
   * @throws IllegalStateException as {@link #join()}
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void join(Duration timeout) throws InterruptedException {
    long nanos = Waits.nanos(timeout);
    checkJoinable();
    if (ended.getCount() > 0) {
      Gil.blockOn(() -> ended.await(nanos, TimeUnit.NANOSECONDS));
    }
  }

  private void checkJoinable() {
    if (!startCalled.get()) {
      throw new IllegalStateException("cannot join thread before it is started");
    }
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("cannot join current thread");
    }
  }

  /**
   * Whether it has started and not yet ended.
   *
   * @return whether it is alive
   */
  public boolean isAlive() {
    return started.getCount() == 0 && ended.getCount() > 0;
  }

  /**
   * The {@code PyThread} running the calling code, or {@code null} on any other thread.
   *
   * @return the calling thread's {@code PyThread}, or {@code null}
   */
  public static PyThread current() {
    return CURRENT.get();
  }

  /**
   * Sets what happens to an exception that escapes a thread's target, {@code
   * threading.excepthook}; {@code null} restores the default (print it on {@code System.err}).
   *
   * @param hook called with the thread and its exception; {@code null} for the default
   */
  public static void setExceptHook(BiConsumer<PyThread, Throwable> hook) {
    exceptHook = hook != null ? hook : PRINT;
  }

  @Override
  public String toString() {
    return "<PyThread(" + name + ", " + (isAlive() ? "started" : startCalled.get()
        ? "stopped" : "initial") + (daemon ? " daemon" : "") + ")>";
  }
}
