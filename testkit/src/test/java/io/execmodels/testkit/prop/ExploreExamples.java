package io.execmodels.testkit.prop;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Explore} methods for {@link ExploreTest} to launch: one passes on three models, one
 * fails on purpose. Not a test class of its own (its name matches no test pattern).
 */
class ExploreExamples {

  static final AtomicInteger RUNS = new AtomicInteger();

  @Explore(models = {"sim", "sim:eventloop", "turns"}, examples = 50)
  void passes(Ctx ctx) {
    RUNS.incrementAndGet();
    Task<Integer> a = ctx.spawn(c -> 1);
    Task<Integer> b = ctx.spawn(c -> 2);
    assertThat(ctx.awaitAll(List.of(a, b))).containsExactly(1, 2);
  }

  @Explore(examples = 200, seed = 5)
  void losesAnUpdate(Ctx ctx) {
    int[] counter = {0};
    Task<Object> other = ctx.spawn(c -> {
      int read = counter[0];
      c.checkpoint();
      counter[0] = read + 1;
      return null;
    });
    int read = counter[0];
    ctx.checkpoint();
    counter[0] = read + 1;
    ctx.await(other);
    assertThat(counter[0]).isEqualTo(2);
  }
}
