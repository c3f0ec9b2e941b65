package io.execmodels.testkit.prop;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PCT's guarantee (Burckhardt et al., ASPLOS 2010): a bug of depth {@code d} in a run of {@code n}
 * tasks and {@code k} decisions is found by each schedule with probability at least {@code 1 /
 * (n k^(d-1))}. It holds only if the priority change points can land anywhere in the run, so
 * {@code k} must be the run's length, which a property learns from its own examples.
 */
class PctGuaranteeTest {

  /** Decisions the writer's loop makes before and after its window. */
  private static final int BEFORE = 45;
  private static final int AFTER = 15;

  /**
   * A depth-2 bug past the 20th decision: a writer sets a flag for one step, late in a long loop,
   * and a reader must read it in that step (the reader runs after the writer has started, and the
   * writer is preempted inside its window).
   */
  private static Property<Void> lateWindow(long seed) {
    return Property.of("late window", (ctx, none) -> {
      boolean[] flag = {false};
      List<Task<Boolean>> tasks = new ArrayList<>();
      tasks.add(ctx.spawn("writer", c -> {
        for (int i = 0; i < BEFORE; i++) {
          c.checkpoint();
        }
        flag[0] = true;
        c.checkpoint();
        flag[0] = false;
        for (int i = 0; i < AFTER; i++) {
          c.checkpoint();
        }
        return false;
      }));
      tasks.add(ctx.spawn("reader", c -> {
        c.checkpoint();
        return flag[0];
      }));
      assertThat(ctx.awaitAll(tasks)).as("the reader saw the flag up").doesNotContain(true);
    }).withSeed(seed).withPct(2).withMaxExamples(2_000);
  }

  @Test
  void aDepthTwoBugPastTheTwentiethDecisionIsFoundWithinPctsBound() {
    // n = 2 tasks, k = about 62 decisions: each schedule finds it with probability >= 1/124, so
    // the expected number of schedules to the first failure is at most 124. Over 20 seeds the
    // median must be within twice that; a schedule that never reaches the window finds nothing.
    List<Integer> toFailure = new ArrayList<>();
    for (long seed = 1; seed <= 20; seed++) {
      PropertyResult r = lateWindow(seed).run();
      assertThat(r.counterexample()).as("seed %d: found within 2,000 schedules", seed).isPresent();
      toFailure.add(r.examples());
    }
    toFailure.sort(null);
    assertThat(toFailure.get(toFailure.size() / 2)).as("median schedules to failure, of %s",
        toFailure).isLessThanOrEqualTo(2 * 2 * (BEFORE + AFTER + 2));
  }
}
