package io.execmodels.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.Select;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The statement form of {@code select} (the {@code ...Do} cases of {@link Select}): each runs its
 * action for the case taken and only for it, and gives the select a {@code null} result.
 */
@Timeout(30)
class SelectStatementsTest {
  private final ModelRuntime model = MinimalScheduler.model();

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void aReceiveStatementActsOnTheValueAndOnlyTheCaseTakenActs() throws Exception {
    List<String> done = new ArrayList<>();
    Object result = model.run(ctx -> {
      Channel<String> ready = ctx.channel(1);
      Channel<String> silent = ctx.channel(1);
      ready.send("job");
      return ctx.select()
          .onReceiveDo(ready, v -> done.add("ready: " + v))
          .onReceiveDo(silent, v -> done.add("silent: " + v))
          .run();
    });

    assertThat(result).isNull();
    assertThat(done).containsExactly("ready: job");
  }

  @Test
  void aReceiveStatementOnAClosedChannelGetsNull() throws Exception {
    List<String> done = new ArrayList<>();
    model.run(ctx -> {
      Channel<String> closed = ctx.channel(0);
      closed.close();
      return ctx.select().onReceiveDo(closed, v -> done.add(String.valueOf(v))).run();
    });

    assertThat(done).containsExactly("null");
  }

  @Test
  void aSendStatementSendsTheValueThenActs() throws Exception {
    List<String> done = new ArrayList<>();
    String received = model.run(ctx -> {
      Channel<String> out = ctx.channel(1);
      ctx.select().onSendDo(out, "sent", () -> done.add("after the send")).run();
      return out.receive();
    });

    assertThat(received).isEqualTo("sent");
    assertThat(done).containsExactly("after the send");
  }

  @Test
  void anAwaitStatementActsOnTheTasksResultAndAFailureIsThrownByRunWithoutActing() {
    List<Integer> done = new ArrayList<>();
    assertThatThrownBy(() -> model.run(ctx -> {
      Task<Integer> fine = ctx.spawn(c -> 42);
      ctx.select().onAwaitDo(fine, done::add).run();
      Task<Integer> failing = ctx.spawn(c -> {
        throw new IllegalStateException("boom");
      });
      return ctx.select().onAwaitDo(failing, done::add).run();
    })).isInstanceOf(CompletionException.class).hasRootCauseMessage("boom");

    assertThat(done).containsExactly(42);
  }

  @Test
  void theDefaultStatementActsWhenNoCaseIsReadyAndTheTimeoutStatementWhenNoneBecomesReady()
      throws Exception {
    List<String> done = new ArrayList<>();
    model.run(ctx -> {
      Channel<String> empty = ctx.channel(1);
      ctx.select().onReceiveDo(empty, done::add).onDefaultDo(() -> done.add("default")).run();
      ctx.select().onReceiveDo(empty, done::add)
          .onTimeoutDo(Duration.ofMillis(1), () -> done.add("timeout")).run();
      return null;
    });

    assertThat(done).containsExactly("default", "timeout");
  }

  @Test
  void statementsMixWithValueCasesWhoseResultRunStillReturns() throws Exception {
    String taken = model.run(ctx -> {
      Channel<String> ready = ctx.channel(1);
      ready.send("value");
      Channel<String> silent = ctx.channel(1);
      return ctx.<String>select()
          .onReceive(ready, v -> "took " + v)
          .onReceiveDo(silent, v -> {
            throw new AssertionError("not ready, so not taken");
          })
          .run();
    });

    assertThat(taken).isEqualTo("took value");
  }

  @Test
  void aNullActionIsRefusedNamingIt() throws Exception {
    model.run(ctx -> {
      Channel<String> ch = ctx.channel(1);
      Select<Object> select = ctx.select();
      assertThatThrownBy(() -> select.onReceiveDo(ch, null))
          .isInstanceOf(NullPointerException.class).hasMessage("action");
      assertThatThrownBy(() -> select.onSendDo(ch, "v", null))
          .isInstanceOf(NullPointerException.class).hasMessage("action");
      assertThatThrownBy(() -> select.onDefaultDo(null))
          .isInstanceOf(NullPointerException.class).hasMessage("action");
      assertThatThrownBy(() -> select.onTimeoutDo(Duration.ofMillis(1), null))
          .isInstanceOf(NullPointerException.class).hasMessage("action");
      assertThatThrownBy(() -> select.onAwaitDo(null, null))
          .isInstanceOf(NullPointerException.class).hasMessage("action");
      return null;
    });
  }
}
