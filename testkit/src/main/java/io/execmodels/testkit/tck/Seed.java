package io.execmodels.testkit.tck;

import java.util.SplittableRandom;

/**
 * The seed of a randomised TCK rule: fresh each run, or fixed with {@code
 * -Dexecmodels.tck.seed=<n>} to rerun a failure. Every failure message of a randomised rule
 * carries {@link #toString()}, which says how to rerun it.
 *
 * @param value the seed
 */
public record Seed(long value) {

  /** The system property that fixes the seed. */
  public static final String PROPERTY = "execmodels.tck.seed";

  /**
   * The seed from {@value #PROPERTY}, or a fresh one; printed so that a log shows it too.
   *
   * @param rule the rule's name, printed beside the seed and mixed into a fresh one
   * @return the seed
   */
  public static Seed next(String rule) {
    Long fixed = Long.getLong(PROPERTY);
    Seed seed = new Seed(fixed != null ? fixed : System.nanoTime() ^ rule.hashCode());
    System.out.println(rule + ": " + seed);
    return seed;
  }

  /**
   * A random source drawn from this seed.
   *
   * @return a new random source, the same sequence for the same seed
   */
  public SplittableRandom random() {
    return new SplittableRandom(value);
  }

  @Override
  public String toString() {
    return "seed " + value + " (rerun with -D" + PROPERTY + "=" + value + ")";
  }
}
