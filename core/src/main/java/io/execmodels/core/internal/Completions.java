package io.execmodels.core.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.execmodels.core.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Watching tasks complete, for an await in progress, in a way the await can take back.
 *
 * <p>A Guava listener cannot be removed: an await that gives up (timeout, cancellation, another
 * task winning {@code awaitAny}) would leave one behind on the awaited task, holding the waiter,
 * and a long-lived task awaited in a loop would collect them without bound. So a {@link TaskImpl}
 * keeps its watchers (one, or a set) where the await removes itself from; only a foreign {@link Task} gets a
 * listener, and that listener drops its reference to the watcher when the await ends.
 *
 * <p>Watching is not retrieving: the failure of a watched task counts as retrieved only when an
 * await actually hands it on.
 */
final class Completions {
  private Completions() {}

  /** Told when a watched task completes, once per watch, from any thread. */
  @FunctionalInterface
  interface Watcher {
    void completed(Task<?> task);
  }

  /**
   * Tells {@code watcher} once when {@code task} completes (at once if it has), unless the
   * returned action has run by then. Each call is a watch of its own: a task watched twice (an
   * await of {@code [t, t]}) is told to the watcher twice, once per watch.
   */
  static Runnable watch(Task<?> task, Watcher watcher) {
    Watch watch = new Watch(task, watcher);
    if (task instanceof TaskImpl<?> impl) {
      impl.addWatcher(watch);
      if (impl.isDone()) {
        watch.completed(impl);
      }
    } else {
      task.addListener(() -> watch.completed(task), MoreExecutors.directExecutor());
    }
    return watch;
  }

  /**
   * One watch: forwards the first completion it is told of, and is its own undo. The undo drops
   * the reference to the watcher, so a foreign task's listener, which cannot be removed, does
   * not keep the awaiting task reachable.
   */
  private static final class Watch implements Watcher, Runnable {
    private static final VarHandle TOLD;

    static {
      try {
        TOLD = MethodHandles.lookup().findVarHandle(Watch.class, "told", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Task<?> task;
    private volatile Watcher to;
    @SuppressWarnings("unused") // accessed through TOLD
    private volatile boolean told;

    Watch(Task<?> task, Watcher to) {
      this.task = task;
      this.to = to;
    }

    @Override
    public void completed(Task<?> t) {
      // The task tells once from afterDone, and watch() may tell again if it saw the task done:
      // the compare-and-set lets one of them through.
      Watcher w = to;
      if (w != null && TOLD.compareAndSet(this, false, true)) {
        w.completed(t);
      }
    }

    @Override
    public void run() {
      to = null;
      if (task instanceof TaskImpl<?> impl) {
        impl.removeWatcher(this);
      }
    }
  }
}
