package io.execmodels.grid;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Latches shared by a test and the jobs the embedded member runs for it (so in this JVM): static,
 * since a job crosses as a copy and cannot carry one. Each latch counts one event; a test starts
 * with {@link #reset}. One test at a time uses it.
 */
final class JobWitness {
  private static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();

  private JobWitness() {}

  /** Forgets every event: each latch is fresh again. */
  static void reset() {
    LATCHES.clear();
  }

  /** Records {@code event}. */
  static void record(String event) {
    latch(event).countDown();
  }

  /** Whether {@code event} happens within {@code seconds}. */
  static boolean await(String event, long seconds) throws InterruptedException {
    return latch(event).await(seconds, TimeUnit.SECONDS);
  }

  private static CountDownLatch latch(String event) {
    return LATCHES.computeIfAbsent(event, e -> new CountDownLatch(1));
  }
}
