package io.execmodels.eventloop.net;

import io.execmodels.eventloop.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An {@link EventLoop} running on its own thread, for tests whose clients are blocking sockets on
 * the test thread: it runs {@code main} on the loop (it sets up a server), then until nothing
 * keeps the loop alive. {@link #join} tells whether {@code run} returned, and how.
 */
final class LoopThread<T> {

  final EventLoop loop = new EventLoop();
  private final CompletableFuture<T> started = new CompletableFuture<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  LoopThread(Function<EventLoop, T> main) {
    thread = Thread.ofPlatform().name("test-loop").start(() -> {
      try {
        loop.run(() -> started.complete(main.apply(loop)));
      } catch (Throwable t) {
        failure.set(t);
        started.completeExceptionally(t);
      }
    });
  }

  /** What {@code main} returned, once it has. */
  T value() {
    return started.join();
  }

  /**
   * Runs {@code f} on the loop and waits for its result, at most 30 s.
   *
   * @throws IllegalStateException if the loop no longer runs
   */
  <R> R call(Callable<R> f) throws Exception {
    if (!thread.isAlive()) {
      throw new IllegalStateException("the loop no longer runs");
    }
    CompletableFuture<R> r = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        r.complete(f.call());
      } catch (Throwable e) {
        r.completeExceptionally(e);
      }
    });
    return r.get(30, TimeUnit.SECONDS);
  }

  /** Whether {@code run} has returned. */
  boolean ended() {
    return !thread.isAlive();
  }

  /**
   * Waits for {@code run} to return; false if it did not within {@code seconds}. Rethrows what
   * ended it, if anything did.
   */
  boolean join(long seconds) throws InterruptedException {
    boolean ended = thread.join(java.time.Duration.ofSeconds(seconds));
    Throwable t = failure.get();
    if (t != null) {
      throw new AssertionError("the loop ended on a failure", t);
    }
    return ended;
  }

  /** Polls {@code condition} on the loop until it holds, for at most {@code seconds}. */
  boolean await(Callable<Boolean> condition, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!call(condition)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
