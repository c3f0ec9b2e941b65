package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Task;

/**
 * When a task is done in asyncio's sense. A core task is done as a future as soon as it is
 * cancelled, while its body still has to reach its next await and unwind; an asyncio task is done
 * only then, and {@code wait_for}, {@code wait} and {@code TaskGroup} wait for that. On the
 * asyncio model the loop knows when a body returns; elsewhere the future's completion stands in.
 * Called from tasks of the model.
 */
final class Ends {
  private Ends() {}

  /** Runs {@code action} once {@code task} is done (at once, in the calling thread, if it is). */
  static void whenDone(Task<?> task, Runnable action) {
    Loop loop = Loop.current();
    if (loop == null || !loop.whenEnded(task, action)) {
      task.addListener(action, Runnable::run);
    }
  }

  /** Whether {@code task} is done: complete, and its body returned. */
  static boolean done(Task<?> task) {
    if (!task.isDone()) {
      return false;
    }
    Loop loop = Loop.current();
    return loop == null || !loop.bodyRunning(task);
  }
}
