package io.execmodels.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.TaskBody;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What core tells a scheduler about each task it spawns, through {@link TaskBody}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TaskBodyTest {

  private final RecordingScheduler scheduler = new RecordingScheduler();

  @Test
  void onlyTheBodyOfARunIsARoot() throws Exception {
    try (ExecutionModel model = SchedulerModels.create("rec", Config.defaults(), scheduler)) {
      model.run(ctx -> ctx.await(ctx.spawn("child", c -> 1)));
      model.spawn(ctx -> 2).get();
      assertThat(scheduler.spawned).hasSize(3);
      TaskBody root = scheduler.spawned.get(0);
      TaskBody child = scheduler.spawned.get(1);
      TaskBody outside = scheduler.spawned.get(2);
      assertThat(root.isRoot()).as("the run's body").isTrue();
      assertThat(child.isRoot()).as("a task spawned by the run's body").isFalse();
      assertThat(outside.isRoot()).as("a task spawned from outside any run").isFalse();
    }
  }

  @Test
  void aBodyNamesItsTaskAndNumbersItInCreationOrder() throws Exception {
    try (ExecutionModel model = SchedulerModels.create("rec", Config.defaults(), scheduler)) {
      model.run(ctx -> ctx.await(ctx.spawn("child", c -> 1)));
      model.spawn(ctx -> 2).get();
      TaskBody root = scheduler.spawned.get(0);
      TaskBody named = scheduler.spawned.get(1);
      TaskBody unnamed = scheduler.spawned.get(2);
      assertThat(root.givenName()).isEqualTo("main");
      assertThat(named.givenName()).isEqualTo("child");
      assertThat(unnamed.givenName()).isNull();
      assertThat(unnamed.task().name()).isEqualTo("task-" + unnamed.id());
      assertThat(root.id()).isLessThan(named.id());
      assertThat(named.id()).isLessThan(unnamed.id());
      assertThat(root.task().isDone()).isTrue();
    }
  }

  @Test
  void eachFiberHandsBackTheVeryBodyItWasSpawnedWith() throws Exception {
    try (ExecutionModel model = SchedulerModels.create("rec", Config.defaults(), scheduler)) {
      model.run(ctx -> ctx.await(ctx.spawn(c -> 1)));
      // A spawn's fiber is recorded after its body starts, which may spawn: match by identity.
      assertThat(scheduler.fibersMade).hasSameSizeAs(scheduler.spawned);
      for (Fiber fiber : scheduler.fibersMade) {
        assertThat(scheduler.spawned).anySatisfy(body -> assertThat(body).isSameAs(fiber.body()));
      }
    }
  }
}
