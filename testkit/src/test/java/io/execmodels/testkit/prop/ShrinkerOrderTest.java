package io.execmodels.testkit.prop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The order shrinking descends ({@link Shrinker#compare}). */
class ShrinkerOrderTest {

  @Test
  void aSimplerInputComesFirstWhateverTheSchedule() {
    // Input [1] with a busy schedule, against input [2] with none.
    assertThat(Shrinker.compare(new long[] {1, 3, 2, 1}, 1, new long[] {2, 0}, 1)).isNegative();
    assertThat(Shrinker.compare(new long[] {5}, 1, new long[] {0, 0}, 2)).isNegative();
  }

  @Test
  void withTheSameInputFewerSwitchesWinEvenIfLonger() {
    long[] oneSwitchLong = {0, 0, 0, 0, 0, 1, 0, 0};
    long[] threeSwitchesShort = {1, 0, 1, 1};
    assertThat(Shrinker.compare(oneSwitchLong, 0, threeSwitchesShort, 0)).isNegative();
    assertThat(Shrinker.compare(threeSwitchesShort, 0, oneSwitchLong, 0)).isPositive();
  }

  @Test
  void withAsManySwitchesShorterThenLexicographicallySmallerWins() {
    assertThat(Shrinker.compare(new long[] {0, 1}, 0, new long[] {0, 0, 1}, 0)).isNegative();
    assertThat(Shrinker.compare(new long[] {0, 1, 0}, 0, new long[] {1, 0, 0}, 0)).isNegative();
    assertThat(Shrinker.compare(new long[] {0, 2}, 0, new long[] {0, 2}, 0)).isZero();
  }
}
