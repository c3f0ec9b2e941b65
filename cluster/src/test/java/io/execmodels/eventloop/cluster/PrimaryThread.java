package io.execmodels.eventloop.cluster;

import io.execmodels.eventloop.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A primary's loop on a thread of its own, so that a test can act as a client meanwhile: {@link
 * #start} runs {@code main} on the loop with a {@link Cluster}; {@link #close} closes the cluster
 * from the test's thread and waits for the loop to end (every worker exited).
 */
final class PrimaryThread implements AutoCloseable {
  final EventLoop loop = new EventLoop();
  final Cluster cluster;
  private final Thread thread;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  PrimaryThread(ClusterSettings settings, Consumer<Cluster> main) {
    cluster = new Cluster(loop, settings);
    thread = new Thread(() -> {
      try {
        loop.run(() -> main.accept(cluster));
        ended.complete(null);
      } catch (Throwable t) {
        ended.completeExceptionally(t);
      }
    }, "primary-loop");
    thread.start();
  }

  /** Runs {@code action} on the loop and waits for it (10 s at most). */
  void onLoop(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        action.run();
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  /** Closes the cluster, then waits for the loop to end (60 s at most) and closes it. */
  @Override
  public void close() throws ExecutionException, TimeoutException {
    cluster.close();
    try {
      ended.get(60, TimeUnit.SECONDS);
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the primary closed", e);
    } finally {
      loop.close();
    }
  }
}
