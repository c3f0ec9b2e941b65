package io.execmodels.core.internal;

import io.execmodels.core.spi.Drain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tasks of one {@code run} (or, for the model itself, those spawned from outside any run): how
 * many are alive, and which failures nobody has retrieved yet.
 *
 * <p>A failure is noted, then {@code retrieved} is re-read; a retriever sets {@code retrieved},
 * then removes the note. Whichever runs second removes it, so a retrieved failure never stays
 * noted (see {@link #failed}).
 */
final class RunScope {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  final Drain live = new Drain();
  /** The tasks counted in {@code live}, for the walks that cancel or report them. */
  final LiveSet members = new LiveSet();
  /** Set when the run ends: tasks it spawns from then on start cancelled (see ModelRuntime.start). */
  volatile boolean stopping;

  /**
   * The run's own task (its body), for runs; {@code null} for the model's outside scope. Once it is
   * done the run is ending, whatever its other tasks wait for.
   */
  volatile TaskImpl<?> root;
  private final ConcurrentHashMap<Object, Unhandled> unhandled = new ConcurrentHashMap<>();

  /** How many of its tasks are blocked in an untimed wait (see {@link ModelRuntime#blocked}). */
  final AtomicLong blocked = new AtomicLong();

  /** The waits of a deadlock found in this run, one line a task; it ends the run. */
  private final AtomicReference<List<String>> deadlock = new AtomicReference<>();

  /** The first failure of a detached task: it ends the run. */
  private final AtomicReference<Unhandled> panic = new AtomicReference<>();

  /** A failure not retrieved (yet), with the order it happened in. */
  record Unhandled(long seq, String task, Throwable failure) {}

  /**
   * Records a detached task's failure; the first one ends the run.
   *
   * @return whether it is the first
   */
  boolean panicked(TaskImpl<?> task, Throwable failure) {
    Unhandled u = new Unhandled(SEQUENCE.incrementAndGet(), task.name(), failure);
    if (panic.compareAndSet(null, u)) {
      return true;
    }
    unhandled.put(new Object(), u);
    return false;
  }

  /** Records a deadlock; returns whether it is the first (the one that ends the run). */
  boolean deadlocked(List<String> waits) {
    return deadlock.compareAndSet(null, List.copyOf(waits));
  }

  /** The deadlock that ended the run, or {@code null}. */
  List<String> deadlock() {
    return deadlock.get();
  }

  /** The failure that ended the run, if a detached task failed. */
  Unhandled panic() {
    return panic.get();
  }

  void failed(TaskImpl<?> task, Throwable failure) {
    unhandled.put(task, new Unhandled(SEQUENCE.incrementAndGet(), task.name(), failure));
    if (task.isRetrieved()) {
      unhandled.remove(task);
    }
  }

  /** A failure thrown after the task was cancelled: nobody can retrieve it, so it stays noted. */
  void failedAfterCancel(TaskImpl<?> task, Throwable failure) {
    unhandled.put(new Object(), new Unhandled(SEQUENCE.incrementAndGet(), task.name(), failure));
  }

  void retrieved(TaskImpl<?> task) {
    unhandled.remove(task);
  }

  /** Takes every failure noted so far, oldest first. */
  List<Unhandled> takeUnhandled() {
    List<Unhandled> taken = new ArrayList<>();
    for (Object key : unhandled.keySet()) {
      Unhandled u = unhandled.remove(key);
      if (u != null) {
        taken.add(u);
      }
    }
    taken.sort(Comparator.comparingLong(Unhandled::seq));
    return taken;
  }
}
