package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Ctx;
import java.util.ArrayDeque;

/**
 * {@code asyncio.Queue}: a FIFO queue for tasks of one loop, bounded by {@code maxsize} (0 or
 * less: unbounded). {@link #put} waits while it is full and {@link #get} while it is empty, both
 * suspension points served in FIFO order; {@link #putNowait} and {@link #getNowait} throw {@link
 * QueueFull} / {@link QueueEmpty} instead. {@link #taskDone} and {@link #join} count unfinished
 * items. Not thread-safe: for tasks of one model, like asyncio's.
 *
 * @param <T> the items' type
 */
public class Queue<T> {
  private final int maxsize;
  private final java.util.Queue<T> items;
  private final ArrayDeque<Waiter> getters = new ArrayDeque<>();
  private final ArrayDeque<Waiter> putters = new ArrayDeque<>();
  private final Event finished = new Event();
  private int unfinished;

  /**
   * A FIFO queue holding at most {@code maxsize} items (0 or less: no limit).
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public Queue(int maxsize) {
    this(maxsize, new ArrayDeque<>());
  }

  /** An unbounded FIFO queue. */
  public Queue() {
    this(0);
  }

  Queue(int maxsize, java.util.Queue<T> items) {
    this.maxsize = maxsize;
    this.items = items;
    finished.set();
  }

  /**
   * The bound (0 or less: none).
   *
   * @return the bound; 0 or less for none
   */
  public int maxsize() {
    return maxsize;
  }

  /**
   * How many items are queued.
   *
   * @return the number of items queued
   */
  public int qsize() {
    return items.size();
  }

  /**
   * Whether no item is queued.
   *
   * @return whether it is empty
   */
  public boolean empty() {
    return items.isEmpty();
  }

  /**
   * Whether the queue holds {@code maxsize} items (never, unbounded).
   *
   * @return whether it is full
   */
  public boolean full() {
    return maxsize > 0 && items.size() >= maxsize;
  }

  /**
   * Puts {@code item}, waiting while the queue is full. A suspension point when it waits.
   *
   * @param ctx the calling task's context
   * @param item the item to put
   * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
   */
  public void put(Ctx ctx, T item) {
    while (full()) {
      Waiter w = new Waiter(ctx);
      putters.add(w);
      try {
        w.await();
      } catch (RuntimeException | Error e) {
        putters.remove(w);
        // A free slot this task was woken for goes to the next putter.
        if (!full() && !w.cancelled()) {
          wakeUpNext(putters);
        }
        throw e;
      }
    }
    putNowait(item);
  }

  /**
   * Puts {@code item} at once.
   *
   * @param item the item to put
   * @throws QueueFull if the queue is full
   */
  public void putNowait(T item) {
    if (full()) {
      throw new QueueFull(maxsize);
    }
    items.add(item);
    unfinished++;
    finished.clear();
    wakeUpNext(getters);
  }

  /**
   * Takes the next item, waiting while the queue is empty. A suspension point when it waits.
   *
   * @param ctx the calling task's context
   * @return the item taken: the next in the queue's order
   * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
   */
  public T get(Ctx ctx) {
    while (empty()) {
      Waiter w = new Waiter(ctx);
      getters.add(w);
      try {
        w.await();
      } catch (RuntimeException | Error e) {
        getters.remove(w);
        // An item this task was woken for goes to the next getter.
        if (!empty() && !w.cancelled()) {
          wakeUpNext(getters);
        }
        throw e;
      }
    }
    return getNowait();
  }

  /**
   * Takes the next item at once.
   *
   * @return the item taken: the next in the queue's order
   * @throws QueueEmpty if the queue is empty
   */
  public T getNowait() {
    if (empty()) {
      throw new QueueEmpty();
    }
    T item = items.poll();
    wakeUpNext(putters);
    return item;
  }

  /**
   * Says one item taken earlier is processed; the last one wakes {@link #join}.
   *
   * @throws IllegalArgumentException {@code task_done() called too many times} (ValueError)
   */
  public void taskDone() {
    if (unfinished <= 0) {
      throw new IllegalArgumentException("task_done() called too many times");
    }
    unfinished--;
    if (unfinished == 0) {
      finished.set();
    }
  }

  /**
   * Waits until every item put has been taken and {@linkplain #taskDone processed}. A suspension
   * point when it waits.
   *
   * @param ctx the calling task's context
   */
  public void join(Ctx ctx) {
    if (unfinished > 0) {
      finished.await(ctx);
    }
  }

  private static void wakeUpNext(ArrayDeque<Waiter> waiters) {
    Waiter w;
    while ((w = waiters.poll()) != null) {
      if (!w.done()) {
        w.set();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " maxsize=" + maxsize + " _qsize=" + items.size()
        + (getters.isEmpty() ? "" : " _getters[" + getters.size() + "]")
        + (putters.isEmpty() ? "" : " _putters[" + putters.size() + "]")
        + (unfinished == 0 ? "" : " tasks=" + unfinished) + ">";
  }
}
