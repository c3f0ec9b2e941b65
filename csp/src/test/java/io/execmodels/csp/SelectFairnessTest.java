package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Channel;
import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Select;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Go's select picks uniformly among ready cases (measured 0.333/0.333/0.334 over 300k rounds in
 * {@code ../shared/anchors/go}). With a fixed seed the counts below are the same on every run, so
 * the chi-square test is deterministic: it passes for a fair select and fails for a biased one.
 */
class SelectFairnessTest {

  private static final int ROUNDS = 30_000;

  /** Chi-square with 2 degrees of freedom above which a fair die is rejected at p = 0.001. */
  private static final double CRITICAL_2_DF = 13.816;

  @Test
  void selectChoosesUniformlyAmongThreeReadyCasesByChiSquare() throws Exception {
    Config config = Config.defaults().withModel("csp").withOption("csp.selectSeed", "20261127");
    int[] counts;
    try (ExecutionModel model = ExecutionModels.open(config)) {
      counts = model.run(ctx -> {
        List<Channel<Integer>> channels = List.of(ctx.channel(1), ctx.channel(1), ctx.channel(1));
        int[] taken = new int[3];
        for (int round = 0; round < ROUNDS; round++) {
          for (Channel<Integer> ch : channels) {
            ch.trySend(1);
          }
          Select<Integer> select = ctx.select();
          for (int i = 0; i < 3; i++) {
            int id = i;
            select.onReceive(channels.get(i), v -> id);
          }
          taken[select.run()]++;
        }
        return taken;
      });
    }
    double expected = ROUNDS / 3.0;
    double chiSquare = Arrays.stream(counts)
        .mapToDouble(c -> (c - expected) * (c - expected) / expected)
        .sum();
    assertThat(chiSquare).as("chi-square of %s", Arrays.toString(counts)).isLessThan(CRITICAL_2_DF);
  }

  @Test
  void aSeededSelectMakesTheSameChoicesEveryRun() throws Exception {
    assertThat(choices()).isEqualTo(choices());
  }

  private static int[] choices() throws Exception {
    Config config = Config.defaults().withModel("csp").withOption("csp.selectSeed", "7");
    try (ExecutionModel model = ExecutionModels.open(config)) {
      return model.run(ctx -> {
        List<Channel<Integer>> channels = List.of(ctx.channel(1), ctx.channel(1));
        int[] picks = new int[100];
        for (int round = 0; round < picks.length; round++) {
          for (Channel<Integer> ch : channels) {
            ch.trySend(1);
          }
          picks[round] = ctx.<Integer>select()
              .onReceive(channels.get(0), v -> 0)
              .onReceive(channels.get(1), v -> 1)
              .run();
        }
        return picks;
      });
    }
  }
}
