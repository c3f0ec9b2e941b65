package io.execmodels.core.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.execmodels.core.Task;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watching tasks complete, for an await in progress, in a way the await can take back.
 *
 * <p>A Guava listener cannot be removed: an await that gives up (timeout, cancellation, another
 * task winning {@code awaitAny}) would leave one behind on the awaited task, holding the waiter,
 * and a long-lived task awaited in a loop would collect them without bound. So a {@link TaskImpl}
 * keeps its watchers in a set the await removes itself from; only a foreign {@link Task} gets a
 * listener, and that listener drops its reference to the watcher when the await ends.
 *
 * <p>Watching is not retrieving: the failure of a watched task counts as retrieved only when an
 * await actually hands it on.
 */
final class Completions {
  private Completions() {}

  /** Told when a watched task completes; idempotent, may be told twice, from any thread. */
  @FunctionalInterface
  interface Watcher {
    void completed(Task<?> task);
  }

  /**
   * Tells {@code watcher} when {@code task} completes (at once if it has), until the returned
   * action is run.
   */
  static Runnable watch(Task<?> task, Watcher watcher) {
    if (task instanceof TaskImpl<?> impl) {
      impl.addWatcher(watcher);
      if (impl.isDone()) {
        watcher.completed(impl);
      }
      return () -> impl.removeWatcher(watcher);
    }
    AtomicReference<Watcher> ref = new AtomicReference<>(watcher);
    task.addListener(() -> {
      Watcher w = ref.get();
      if (w != null) {
        w.completed(task);
      }
    }, MoreExecutors.directExecutor());
    return () -> ref.set(null);
  }
}
