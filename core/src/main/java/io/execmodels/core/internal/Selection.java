package io.execmodels.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The outcome of one blocking channel operation or one select: which of its cases won.
 *
 * <p>A task that must wait leaves a {@link Waiter} on each channel it waits on, all pointing here.
 * Whoever wants to complete one of them — a counterpart on a channel, the select's timer, the task
 * itself giving up — must first {@link #claim} the selection: the first claim wins and every later
 * one fails, so exactly one case happens. The winner then does the transfer and calls {@link
 * #complete()}; the task waits for {@code completed}, never for the claim, so it never reads a
 * half-done transfer.
 */
final class Selection implements Wait {
  /** Nobody has claimed it yet. */
  static final int PENDING = -1;
  /** The waiting task gave up: it was cancelled or its timeout expired. */
  static final int ABORTED = -2;
  /** The select's own timeout won. */
  static final int TIMED_OUT = -3;

  private static final VarHandle CHOSEN;

  static {
    try {
      CHOSEN = MethodHandles.lookup().findVarHandle(Selection.class, "chosen", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final TaskImpl<?> task;
  /**
   * What the task waits for, for deadlock reports: {@code verb} and {@code target}. Rewritten when
   * the task reuses this selection ({@link #reset}); a report racing with that may read either.
   */
  private String verb;
  private Object target;
  @SuppressWarnings("unused") // written through CHOSEN
  private volatile int chosen = PENDING;
  /** Written by the winner after its transfer, read by the task before it trusts the outcome. */
  volatile boolean completed;

  Selection(TaskImpl<?> task, String verb, Object target) {
    this.task = task;
    this.verb = verb;
    this.target = target;
  }

  /**
   * Readies a finished selection for the task's next wait: a plain channel operation reuses its
   * task's one selection, so that waiting allocates nothing. Safe because a finished selection is
   * held by nobody else: it is off every queue, and its winner touches only {@code task} after
   * {@link #complete}. Called by the task, before it publishes the selection under a channel lock.
   */
  void reset(String verb, Object target) {
    this.verb = verb;
    this.target = target;
    CHOSEN.setOpaque(this, PENDING);
    completed = false;
  }

  @Override
  public boolean pending() {
    return chosen == PENDING;
  }

  @Override
  public String description() {
    return verb + " " + target;
  }

  /** Claims the selection for {@code outcome} (a case index, or a negative constant above). */
  boolean claim(int outcome) {
    return CHOSEN.compareAndSet(this, PENDING, outcome);
  }

  /** The winning outcome; meaningful once {@code completed}. */
  int chosen() {
    return chosen;
  }

  /** Publishes the winner's transfer and wakes the task. Only the winner calls it. */
  void complete() {
    // Unblock before publishing: once the task sees completed it may reuse this selection, and an
    // unblock(this) after that would clear the mark of its next wait.
    task.unblock(this);
    completed = true;
    task.unpark();
  }

  /**
   * Publishes the winner's transfer without waking the task yet: a channel calls it under its
   * lock and {@link #wake()}s the task after unlocking, so the woken task does not run straight
   * into the lock its waker still holds.
   */
  void completeQuietly() {
    task.unblock(this);
    completed = true;
  }

  /** Wakes the task after {@link #completeQuietly()}. */
  void wake() {
    task.unpark();
  }
}
