package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.ReactorTasks;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ReactorTasksTest {

  @Test
  void aMonoOfATaskGivesItsValueItsFailureOrItsCancellation() {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      Task<Integer> value = model.spawn(ctx -> 42);
      Task<Integer> failure = model.spawn(ctx -> {
        throw new IllegalStateException("boom");
      });
      Task<Integer> cancelled = model.spawn(ctx -> {
        ctx.sleep(Duration.ofHours(1));
        return 1;
      });
      cancelled.cancel();

      assertThat(ReactorTasks.toMono(value).block()).isEqualTo(42);
      assertThatThrownBy(() -> ReactorTasks.toMono(failure).block())
          .isInstanceOf(IllegalStateException.class).hasMessage("boom");
      assertThatThrownBy(() -> ReactorTasks.toMono(cancelled).block())
          .isInstanceOf(CancellationException.class);
      assertThat(ReactorTasks.toMono(model.spawn(ctx -> null)).blockOptional()).isEmpty();
    }
  }
}
