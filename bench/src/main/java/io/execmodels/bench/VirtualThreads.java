package io.execmodels.bench;

import java.util.ArrayList;
import java.util.List;

/** The JVM peers' harness: bodies on bare virtual threads, started together and joined. */
final class VirtualThreads {
  private VirtualThreads() {}

  /** A body that may be interrupted (the j.u.c queues' blocking calls are). */
  @FunctionalInterface
  interface Body {
    void run() throws InterruptedException;
  }

  /** Runs every body on its own virtual thread and waits for all of them. */
  static void runAll(Body... bodies) throws InterruptedException {
    List<Thread> threads = new ArrayList<>(bodies.length);
    for (Body body : bodies) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          body.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
