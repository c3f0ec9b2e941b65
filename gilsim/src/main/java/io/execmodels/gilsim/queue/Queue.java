package io.execmodels.gilsim.queue;

import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code queue.Queue}: a FIFO queue for threads, bounded by {@code maxsize} (0 or less: no bound).
 * {@link LifoQueue} and {@link PriorityQueue} change only which item {@code get} takes.
 *
 * <p>{@code put} waits while the queue is full and {@code get} while it is empty, each giving up
 * the caller's GIL while it waits; with a timeout they throw {@link Full} or {@link Empty} when it
 * passes, and the {@code nowait} forms throw at once. Every {@code put} counts an unfinished task,
 * which {@link #taskDone()} ends; {@link #join()} waits until none is left. {@link #qsize()},
 * {@link #empty()} and {@link #full()} are only a snapshot, as in CPython. Thread-safe; null items
 * are refused.
 *
 * <p>A queue made under a GIL (by a task of {@code gil-threads} or one of its threads) belongs to
 * that interpreter. Once it has shut down (its model is closed), a {@code put} and a {@code get}
 * that finds the queue empty throw {@link ShutDown}, as Python 3.13's {@code Queue.shutdown()}
 * makes them do, instead of waiting for threads that no longer exist; the items left can still be
 * taken. A thread already waiting when the model closes is a task of it, and is cancelled.
 *
 * @param <E> the items
 */
public class Queue<E> {

  /** {@code queue.Empty}: a {@code get} that could not wait found nothing, or waited in vain. */
  public static final class Empty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Empty() {
      super("the queue is empty");
    }
  }

  /** {@code queue.Full}: a {@code put} that could not wait found no room, or waited in vain. */
  public static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Full() {
      super("the queue is full");
    }
  }

  /**
   * {@code queue.ShutDown} (Python 3.13): a {@code put}, or a {@code get} of an empty queue, after
   * the interpreter the queue belongs to has shut down.
   */
  public static final class ShutDown extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ShutDown(String operation) {
      super(operation + " on a queue whose interpreter has shut down (the gil-threads model that"
          + " made it is closed)");
    }
  }

  private final int maxsize;
  /** The interpreter the queue was made under, or null: see the class comment. */
  private final Gil interpreter = Gil.current();
  private final ReentrantLock mutex = new ReentrantLock();
  private final Condition notEmpty = mutex.newCondition();
  private final Condition notFull = mutex.newCondition();
  private final Condition allTasksDone = mutex.newCondition();
  private final java.util.Queue<E> items;
  private long unfinishedTasks; // guarded by mutex

  /** An unbounded FIFO queue. */
  public Queue() {
    this(0);
  }

  /**
   * A FIFO queue of at most {@code maxsize} items (0 or less: unbounded).
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public Queue(int maxsize) {
    this(maxsize, new ArrayDeque<>());
  }

  /** A queue that keeps its items in {@code items}, whose {@code poll} decides the order. */
  Queue(int maxsize, java.util.Queue<E> items) {
    this.maxsize = maxsize;
    this.items = items;
  }

  /**
   * Adds {@code item}, waiting as long as it takes for room.
   *
   * @param item the item to add; not null
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void put(E item) throws InterruptedException {
    put(item, -1);
  }

  /**
   * Adds {@code item}, waiting at most {@code timeout} for room.
   *
   * @param item the item to add; not null
   * @param timeout the longest to wait for room; not negative (read only when the queue is bounded)
   * @throws Full if there was no room within {@code timeout}
   * @throws IllegalArgumentException if {@code timeout} is negative and the queue is bounded
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void put(E item, Duration timeout) throws InterruptedException {
    // CPython looks at a put's timeout only when the queue is bounded, as it never waits else.
    put(item, maxsize > 0 ? nanos(timeout) : -1);
  }

  /**
   * Adds {@code item} if there is room now: {@code put_nowait}.
   *
   * @param item the item to add; not null
   * @throws Full if there is none
   */
  public void putNowait(E item) {
    java.util.Objects.requireNonNull(item, "item");
    refuseIfShutDown("put_nowait");
    // The lock may be held by a thread without the GIL; then this one waits for it briefly,
    // without giving the GIL up (a C lock acquire held that short does the same).
    mutex.lock();
    try {
      if (!tryPut(item)) {
        throw new Full();
      }
    } finally {
      mutex.unlock();
    }
  }

  /** {@code timeoutNanos} negative: no timeout. */
  private void put(E item, long timeoutNanos) throws InterruptedException {
    java.util.Objects.requireNonNull(item, "item");
    refuseIfShutDown("put");
    if (mutex.tryLock()) {
      try {
        if (tryPut(item)) {
          return;
        }
      } finally {
        mutex.unlock();
      }
    }
    boolean put = Gil.blockOn(() -> {
      mutex.lockInterruptibly();
      try {
        long left = timeoutNanos;
        while (!tryPut(item)) {
          if (timeoutNanos < 0) {
            notFull.await();
          } else if (left <= 0) {
            return false;
          } else {
            left = notFull.awaitNanos(left);
          }
        }
        return true;
      } finally {
        mutex.unlock();
      }
    });
    if (!put) {
      throw new Full();
    }
  }

  /** Adds the item if there is room. Mutex held. */
  private boolean tryPut(E item) {
    if (maxsize > 0 && items.size() >= maxsize) {
      return false;
    }
    items.add(item);
    unfinishedTasks++;
    notEmpty.signal();
    return true;
  }

  /**
   * Takes the next item, waiting as long as it takes for one.
   *
   * @return the item taken
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public E get() throws InterruptedException {
    return get(-1);
  }

  /**
   * Takes the next item, waiting at most {@code timeout} for one.
   *
   * @param timeout the longest to wait for an item; not negative
   * @return the item taken
   * @throws Empty if none came within {@code timeout}
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public E get(Duration timeout) throws InterruptedException {
    return get(nanos(timeout));
  }

  /**
   * Takes the next item if there is one now: {@code get_nowait}.
   *
   * @return the item taken
   * @throws Empty if there is none
   */
  public E getNowait() {
    mutex.lock();
    try {
      E item = tryGet();
      if (item == null) {
        refuseIfShutDown("get_nowait");
        throw new Empty();
      }
      return item;
    } finally {
      mutex.unlock();
    }
  }

  private E get(long timeoutNanos) throws InterruptedException {
    if (mutex.tryLock()) {
      try {
        E item = tryGet();
        if (item != null) {
          return item;
        }
      } finally {
        mutex.unlock();
      }
    }
    E item = Gil.blockOn(() -> {
      mutex.lockInterruptibly();
      try {
        long left = timeoutNanos;
        E got;
        while ((got = tryGet()) == null) {
          // Nobody is left to put in a shut-down interpreter: waiting would be for good.
          refuseIfShutDown("get");
          if (timeoutNanos < 0) {
            notEmpty.await();
          } else if (left <= 0) {
            return null;
          } else {
            left = notEmpty.awaitNanos(left);
          }
        }
        return got;
      } finally {
        mutex.unlock();
      }
    });
    if (item == null) {
      throw new Empty();
    }
    return item;
  }

  private void refuseIfShutDown(String operation) {
    if (interpreter != null && interpreter.isFinalized()) {
      throw new ShutDown(operation);
    }
  }

  /** Takes the next item, or null. Mutex held. */
  private E tryGet() {
    E item = items.poll();
    if (item != null) {
      notFull.signal();
    }
    return item;
  }

  /**
   * Ends one task that a {@code put} began: {@code task_done()}.
   *
   * @throws IllegalArgumentException if there is none unfinished ("task_done() called too many
   *     times", CPython's {@code ValueError})
   */
  public void taskDone() {
    mutex.lock();
    try {
      if (unfinishedTasks == 0) {
        throw new IllegalArgumentException("task_done() called too many times");
      }
      if (--unfinishedTasks == 0) {
        allTasksDone.signalAll();
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Waits until every item put has been marked done with {@link #taskDone()}.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public void join() throws InterruptedException {
    Gil.blockOn(() -> {
      mutex.lockInterruptibly();
      try {
        while (unfinishedTasks > 0) {
          allTasksDone.await();
        }
        return null;
      } finally {
        mutex.unlock();
      }
    });
  }

  /**
   * How many items it holds now.
   *
   * @return the number of items it holds
   */
  public int qsize() {
    mutex.lock();
    try {
      return items.size();
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Whether it holds no item now.
   *
   * @return whether it is empty
   */
  public boolean empty() {
    return qsize() == 0;
  }

  /**
   * Whether it is bounded and holds {@code maxsize} items now.
   *
   * @return whether it is full
   */
  public boolean full() {
    return maxsize > 0 && qsize() >= maxsize;
  }

  /**
   * Its bound; 0 or less for none.
   *
   * @return the bound; 0 or less for none
   */
  public int maxsize() {
    return maxsize;
  }

  private static long nanos(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("'timeout' must be a non-negative number, was "
          + timeout);
    }
    return timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos();
  }
}
