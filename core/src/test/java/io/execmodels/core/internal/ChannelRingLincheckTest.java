package io.execmodels.core.internal;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck checks that {@link ChannelRing} is linearizable: every concurrent history of offers,
 * polls and closes it produces is one that some sequential order of the same operations would
 * produce. The model checker explores thread switches at every shared-memory access (where the
 * spin-waits between a claim and its stamp live); the stress run adds real parallelism. A capacity
 * of 2 makes the small scenarios wrap around the ring and fill it.
 */
public class ChannelRingLincheckTest {
  private final ChannelRing ring = new ChannelRing(2);

  /** The outcome of an offer. */
  @Operation
  public String offer(int value) {
    return ring.offer(value).name();
  }

  /** The value polled, or what the ring said instead. */
  @Operation
  public Object poll() {
    Object v = ring.poll();
    return v == ChannelImpl.EMPTY ? "EMPTY" : v == ChannelImpl.CLOSED ? "CLOSED" : v;
  }

  /** Whether this close was the first. */
  @Operation
  public boolean close() {
    return ring.close();
  }

  @Test
  void isLinearizableUnderTheModelChecker() {
    new ModelCheckingOptions()
        .iterations(30)
        .invocationsPerIteration(1_000)
        .actorsBefore(2)
        .threads(3)
        .actorsPerThread(3)
        .check(getClass());
  }

  @Test
  void isLinearizableUnderStress() {
    new StressOptions()
        .iterations(10)
        .invocationsPerIteration(1_000)
        .threads(3)
        .actorsPerThread(3)
        .check(getClass());
  }
}
