package io.execmodels.core.spi;

import io.execmodels.core.Task;

/**
 * The task a fiber runs, as core hands it to {@link Scheduler#spawn}: what to run, and what a
 * scheduler may want to know about it (for thread names, traces and reports) without casting it
 * to core's own types. Core implements it; a scheduler only reads it.
 *
 * <p>{@link Fiber#body()} returns the very same object, so a scheduler that keeps per-task state
 * can key it on the body.
 */
public interface TaskBody extends Runnable {

  /**
   * Runs the task: called exactly once, by the scheduler, on the fiber it started for this body.
   * Never throws: core catches and records whatever the task's code throws.
   */
  @Override
  void run();

  /**
   * The task's number within its model: unique, from 1, in the order tasks were created.
   *
   * @return the task's number, from 1
   */
  long id();

  /**
   * The name the task was given ({@code ctx.spawn(name, body)}, or {@code "main"} for a run's
   * body), or {@code null} if it has none: then the scheduler names its thread its own way (as
   * CPython numbers its {@code Thread-n}s), and reports use {@link Task#name() task().name()}.
   *
   * @return the task's given name, or {@code null} if it has none
   */
  String givenName();

  /**
   * Whether this is the body of a run ({@link io.execmodels.core.ExecutionModel#run}): the entry
   * point of a program, whose end ends the run. A task spawned by another task, or from outside
   * any run ({@link io.execmodels.core.ExecutionModel#spawn}), is not.
   *
   * @return whether this is a run's body
   */
  boolean isRoot();

  /**
   * The task this body completes: its name, whether it is done, and a way to cancel it (as a
   * simulation does to end a run that deadlocked).
   *
   * @return the task this body completes
   */
  Task<?> task();
}
