package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerPoolTest {

  private static PoolOptions two() {
    return PoolOptions.defaults().withWorkers(2);
  }

  @Test
  void runsAJobInAnotherProcessAndReturnsItsResult() throws Exception {
    try (WorkerPool pool = WorkerPool.start(two())) {
      long parent = ProcessHandle.current().pid();
      long child = pool.submit(() -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);
      assertThat(child).isNotEqualTo(parent).isIn(pool.pids());
    }
  }

  @Test
  void mapReturnsResultsInItemOrder() {
    try (WorkerPool pool = WorkerPool.start(two())) {
      List<Integer> items = IntStream.range(0, 1000).boxed().toList();
      List<Integer> squares = pool.map(x -> x * x, items, 7);
      assertThat(squares).isEqualTo(items.stream().map(x -> x * x).toList());
    }
  }
}
