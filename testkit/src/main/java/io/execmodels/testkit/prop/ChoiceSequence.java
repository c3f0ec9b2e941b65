package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Choices;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The one recorded stream an example draws from: first a prefix (the choices being replayed or
 * shrunk), capped to each draw's bound, then fresh random choices, or zeros when replaying. What
 * was drawn is recorded, so a run can be replayed and shrunk from it.
 */
final class ChoiceSequence implements Choices {
  private final long[] prefix;
  private final SplittableRandom random;
  private long[] drawn = new long[64];
  private int size;

  /** Replays {@code prefix}, then draws from {@code random}, or zeros if it is {@code null}. */
  ChoiceSequence(long[] prefix, SplittableRandom random) {
    this.prefix = prefix;
    this.random = random;
  }

  @Override
  public long next(long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("a choice needs a bound of at least 1, was " + bound);
    }
    long v;
    if (size < prefix.length) {
      v = Math.min(prefix[size], bound - 1);
    } else if (random != null) {
      v = random.nextLong(bound);
    } else {
      v = 0;
    }
    if (size == drawn.length) {
      drawn = Arrays.copyOf(drawn, size * 2);
    }
    drawn[size++] = v;
    return v;
  }

  /** What was drawn so far. */
  long[] drawn() {
    return Arrays.copyOf(drawn, size);
  }
}
