package io.execmodels.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Schedule#pos}: priorities per task, the highest runs, a task that ran redraws. */
class PosScheduleTest {

  /** Choices from a list, then zeros: lower values are higher priorities. */
  private static Choices scripted(Long... values) {
    ArrayDeque<Long> q = new ArrayDeque<>(List.of(values));
    return bound -> q.isEmpty() ? 0 : Math.min(q.poll(), bound - 1);
  }

  @Test
  void allZeroChoicesKeepTheRunningTask() {
    Schedule s = Schedule.pos(bound -> 0);
    int[] candidates = {2, 0, 1};
    for (long step = 0; step < 10; step++) {
      assertThat(s.pick(candidates, 3, true, step)).isZero();
    }
  }

  @Test
  void theHighestPriorityRunsAndOnlyTheTaskThatRanRedraws() {
    // The first pick draws for the running task 0 (50), then for task 1 (10): the lower draw is
    // the higher priority, so task 1 runs.
    Schedule s = Schedule.pos(scripted(50L, 10L, 30L, 70L, 5L));
    int[] both = {0, 1};
    assertThat(s.pick(both, 2, true, 0)).as("task 1 drew higher").isEqualTo(1);
    // Task 1 ran: it redraws (30), and as the running task, first now; task 0 keeps 50: 1 again.
    int[] oneFirst = {1, 0};
    assertThat(s.pick(oneFirst, 2, true, 1)).as("task 1 redrew 30, still above 50").isZero();
    // Task 1 redraws 70: task 0's 50 is higher now, and it runs.
    assertThat(s.pick(oneFirst, 2, true, 2)).as("task 1 redrew 70, below 50").isEqualTo(1);
  }
}
