package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.time.Duration;

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

  /**
   * On the asyncio model, lets {@code n} loop iterations pass, as the {@code call_soon} hops of
   * asyncio's futures do: a task's done callbacks and a gathering or waiting future's own each
   * run one iteration later, so {@code gather} and {@code wait} resume their awaiter two
   * iterations after the task that completes them ends. A suspension point. Elsewhere, nothing.
   */
  static void hops(Ctx ctx, int n) {
    if (Loop.current() == null) {
      return;
    }
    for (int i = 0; i < n; i++) {
      ctx.sleep(Duration.ZERO);
    }
  }
}
