package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.UnhandledFailureException;
import io.execmodels.csp.Probes.Boom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecoverTest {

  @Test
  void aRecoveredPanicGoesToTheHandlerOnThePanickingGoroutineAndTheRunGoesOn() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      String result = model.run(ctx -> {
        Channel<String> seen = ctx.channel(1);
        Recover.go(ctx, c -> {
          throw new Boom("from the goroutine");
        }, (c, panic) -> seen.send(c.taskName() + " recovered " + panic.getMessage()));
        String line = seen.receive();
        // The run goes on: more work after the panic still completes.
        ctx.sleep(Duration.ofMillis(1));
        return line;
      });
      assertThat(result).endsWith("recovered from the goroutine");
    }
  }

  @Test
  void withoutRecoverTheSamePanicEndsTheRun() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      assertThatThrownBy(() -> model.run(ctx -> {
        ctx.go(c -> {
          throw new Boom("from the goroutine");
        });
        Channel<String> never = ctx.channel(0);
        return never.receive();
      })).isInstanceOf(UnhandledFailureException.class).hasRootCauseInstanceOf(Boom.class);
    }
  }

  @Test
  void aHandlerThatThrowsPanicsAgainAndEndsTheRun() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      assertThatThrownBy(() -> model.run(ctx -> {
        Recover.go(ctx, c -> {
          throw new IllegalStateException("first");
        }, (c, panic) -> {
          throw new Boom("re-panic after " + panic.getMessage());
        });
        Channel<String> never = ctx.channel(0);
        return never.receive();
      })).isInstanceOf(UnhandledFailureException.class)
          .rootCause().isInstanceOf(Boom.class).hasMessage("re-panic after first");
    }
  }

  @Test
  void cancellationIsNotAPanicAndReachesNoHandler() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      boolean handled = model.run(ctx -> {
        Channel<Boolean> handlerRan = ctx.channel(1);
        Channel<Boolean> started = ctx.channel(1);
        Channel<Boolean> block = ctx.channel(0);
        var owner = ctx.spawn(c -> {
          Recover.go(c, g -> {
            started.send(true);
            block.receive();
          }, (g, panic) -> handlerRan.send(true));
          return null;
        });
        ctx.await(owner);
        started.receive();
        return handlerRan.tryReceive() != null;
      });
      // The run's end cancels the blocked goroutine: no panic, so the handler never ran, and the
      // run did not fail.
      assertThat(handled).isFalse();
    }
  }

  @Test
  void nullArgumentsAreRejectedByName() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        assertThatThrownBy(() -> Recover.go(ctx, null, (c, p) -> { }))
            .isInstanceOf(NullPointerException.class).hasMessage("body");
        assertThatThrownBy(() -> Recover.go(ctx, c -> { }, null))
            .isInstanceOf(NullPointerException.class).hasMessage("handler");
        return null;
      });
    }
  }
}
