package io.execmodels.grid;

import java.util.concurrent.CountDownLatch;

/**
 * What a job run by the embedded member (so in this JVM) tells its test: a static latch, since a
 * job crosses as a copy and cannot carry one. One test at a time uses it.
 */
final class JobWitness {
  private static volatile CountDownLatch interrupted = new CountDownLatch(1);

  private JobWitness() {}

  static void reset(CountDownLatch latch) {
    interrupted = latch;
  }

  static void interrupted() {
    interrupted.countDown();
  }
}
