package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.csp.Probes.Boom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OnceTest {

  @Test
  void concurrentCallersRunTheBodyOnceAndReturnOnlyAfterItFinished() throws Exception {
    int callers = 50;
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Once once = new Once();
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean finished = new AtomicBoolean();
        Channel<Boolean> bodyStarted = ctx.channel(1);
        Channel<Boolean> release = ctx.channel(0);
        List<Task<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          tasks.add(ctx.spawn(c -> {
            once.run(c, b -> {
              runs.incrementAndGet();
              bodyStarted.send(true);
              release.receive();
              finished.set(true);
            });
            return finished.get(); // what this caller saw when run returned
          }));
        }
        bodyStarted.receive();
        // The body's caller waits for release, every other caller for the body: all parked.
        assertThat(Probes.awaitParked(model, ctx, callers)).as("all callers parked").isTrue();
        release.send(true);
        assertThat(ctx.awaitAll(tasks)).as("finished, as seen by each caller").containsOnly(true);
        assertThat(runs).hasValue(1);
        once.run(ctx, b -> runs.incrementAndGet());
        assertThat(runs).as("runs after a later call").hasValue(1);
        return null;
      });
    }
  }

  @Test
  void aFailingBodyCountsAsDoneAndItsFailureGoesOnlyToItsCaller() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Once once = new Once();
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> once.run(ctx, c -> {
          runs.incrementAndGet();
          throw new Boom("init failed");
        })).isInstanceOf(Boom.class).hasMessage("init failed");
        once.run(ctx, c -> runs.incrementAndGet());
        assertThat(runs).hasValue(1);
        return null;
      });
    }
  }
}
