package io.execmodels.gilsim.futures;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import io.execmodels.gilsim.Gil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The module functions of {@code concurrent.futures}: {@link #asCompleted} and {@link #wait}. Both
 * accept futures of any executor (and plain {@link Future}s), wait with the calling thread's GIL
 * released, and leave nothing registered on the futures when they return. Thread-safe.
 */
public final class Futures {
  private Futures() {}

  /**
   * {@code as_completed(fs, timeout)}: the futures, each once (duplicates dropped), as they
   * complete: first those done already, then in completion order. The timeout counts from this
   * call ({@code null}: none). Blocking happens in {@link Iterator#next} and {@link
   * Iterator#hasNext} stays cheap.
   *
   * <p>{@code next()} throws {@link UncheckedTimeoutException} with CPython's text {@code "N (of
   * M) futures unfinished"} when the time is up, and {@link CompletionException} caused by an
   * {@link InterruptedException} (the interrupt status set again) if interrupted. Not thread-safe:
   * one consumer.
   *
   * @param <T> the type of the futures' results
   * @param fs the futures to watch
   * @param timeout the time the whole iteration has, from this call; {@code null} for no limit
   * @return the futures, each once, as they complete
   */
  public static <T> Iterator<Future<T>> asCompleted(
      Iterable<? extends Future<T>> fs, Duration timeout) {
    Objects.requireNonNull(fs, "fs");
    long deadline = Deadlines.deadline(timeout);
    boolean limited = timeout != null;
    Set<Future<T>> all = new LinkedHashSet<>();
    fs.forEach(all::add);
    LinkedBlockingQueue<Future<?>> completions = new LinkedBlockingQueue<>();
    Consumer<Future<?>> waiter = completions::add;
    // Those done already come first, in the order given; the waiter sees the rest as they end.
    List<Future<T>> ready = new ArrayList<>();
    for (Future<T> f : all) {
      if (f.done()) {
        ready.add(f);
      }
    }
    Set<Future<T>> pending = new LinkedHashSet<>(all);
    pending.removeAll(ready);
    for (Future<T> f : pending) {
      f.addWaiter(waiter);
    }
    int total = all.size();
    return new Iterator<>() {
      private int readyAt;

      @Override
      public boolean hasNext() {
        boolean more = readyAt < ready.size() || !pending.isEmpty();
        if (!more) {
          unregister();
        }
        return more;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Future<T> next() {
        if (readyAt < ready.size()) {
          return ready.get(readyAt++);
        }
        if (pending.isEmpty()) {
          throw new NoSuchElementException();
        }
        while (true) {
          Future<?> f;
          try {
            long left = limited ? Deadlines.left(deadline) : Deadlines.FOREVER;
            f = left == 0 ? completions.poll()
                : Gil.blockOn(() -> completions.poll(left, TimeUnit.NANOSECONDS));
          } catch (InterruptedException e) {
            unregister();
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
          }
          if (f == null) {
            unregister();
            throw new UncheckedTimeoutException(
                pending.size() + " (of " + total + ") futures unfinished");
          }
          if (pending.remove(f)) {
            return (Future<T>) f;
          }
        }
      }

      private void unregister() {
        for (Future<T> f : pending) {
          f.removeWaiter(waiter);
        }
      }
    };
  }

  /**
   * {@link #asCompleted(Iterable, Duration)} without a timeout.
   *
   * @param <T> the type of the futures' results
   * @param fs the futures to watch
   * @return the futures, each once, as they complete
   */
  public static <T> Iterator<Future<T>> asCompleted(Iterable<? extends Future<T>> fs) {
    return asCompleted(fs, null);
  }

  /**
   * {@code wait(fs, timeout, return_when)}: blocks, with the GIL released, until {@code
   * returnWhen} holds or the timeout ({@code null}: none) passes, and says which futures are done.
   * A timeout is no error: the futures not done are in {@link DoneAndNotDone#notDone()}.
   *
   * @param <T> the type of the futures' results
   * @param fs the futures to wait for
   * @param timeout the longest to wait; {@code null} for no limit
   * @param returnWhen when to return
   * @return the futures done and those not done, when it returned
   * @throws InterruptedException if interrupted while waiting
   */
  public static <T> DoneAndNotDone<T> wait(Iterable<? extends Future<T>> fs, Duration timeout,
      ReturnWhen returnWhen) throws InterruptedException {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(returnWhen, "returnWhen");
    long deadline = Deadlines.deadline(timeout);
    Set<Future<T>> all = new LinkedHashSet<>();
    fs.forEach(all::add);
    LinkedBlockingQueue<Future<?>> completions = new LinkedBlockingQueue<>();
    Consumer<Future<?>> waiter = completions::add;
    for (Future<T> f : all) {
      f.addWaiter(waiter);
    }
    try {
      while (!satisfied(all, returnWhen)) {
        long left = timeout == null ? Deadlines.FOREVER : Deadlines.left(deadline);
        if (left == 0) {
          break;
        }
        // Any completion may satisfy the condition: wake on each, then look again.
        Gil.blockOn(() -> completions.poll(left, TimeUnit.NANOSECONDS));
      }
    } finally {
      for (Future<T> f : all) {
        f.removeWaiter(waiter);
      }
    }
    Set<Future<T>> done = new LinkedHashSet<>();
    Set<Future<T>> notDone = new LinkedHashSet<>();
    for (Future<T> f : all) {
      (f.done() ? done : notDone).add(f);
    }
    return new DoneAndNotDone<>(Collections.unmodifiableSet(done),
        Collections.unmodifiableSet(notDone));
  }

  /**
   * {@link #wait(Iterable, Duration, ReturnWhen)} until all are done, without a timeout.
   *
   * @param <T> the type of the futures' results
   * @param fs the futures to wait for
   * @return the futures, all done
   * @throws InterruptedException if interrupted while waiting
   */
  public static <T> DoneAndNotDone<T> wait(Iterable<? extends Future<T>> fs)
      throws InterruptedException {
    return wait(fs, null, ReturnWhen.ALL_COMPLETED);
  }

  private static boolean satisfied(Set<? extends Future<?>> all, ReturnWhen returnWhen) {
    int done = 0;
    for (Future<?> f : all) {
      FutureState s = f.state();
      if (s == FutureState.FINISHED || s == FutureState.CANCELLED) {
        done++;
        if (returnWhen == ReturnWhen.FIRST_COMPLETED) {
          return true;
        }
        if (returnWhen == ReturnWhen.FIRST_EXCEPTION && s == FutureState.FINISHED
            && f.failed()) {
          return true;
        }
      }
    }
    return done == all.size();
  }
}
