package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.ChannelClosedException;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GoContextTest {

  private static boolean isClosed(ReceiveChannel<?> done) {
    return done.isClosed() && done.tryReceive() == null;
  }

  @Test
  void cancellingAContextCancelsItsGrandchildrenButNotItsParentOrSiblings() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        GoContext.Cancelable root = GoContext.withCancel(ctx, GoContext.background());
        GoContext.Cancelable child = GoContext.withCancel(ctx, root.context());
        GoContext.Cancelable sibling = GoContext.withCancel(ctx, root.context());
        GoContext valued = GoContext.withValue(child.context(), "k", "v");
        GoContext.Cancelable grandchild = GoContext.withCancel(ctx, valued);
        GoContext.Cancelable timed =
            GoContext.withTimeout(ctx, grandchild.context(), Duration.ofHours(1));

        child.cancel().run();

        // a receive on done waits until it is closed: it returns (by failing) only if it is
        assertThatThrownBy(() -> grandchild.context().done().receive())
            .isInstanceOf(ChannelClosedException.class);
        assertThat(grandchild.context().err()).isEqualTo(ContextError.CANCELED);
        assertThat(timed.context().err()).isEqualTo(ContextError.CANCELED);
        assertThat(isClosed(timed.context().done())).isTrue();
        assertThat(valued.err()).isEqualTo(ContextError.CANCELED);
        assertThat(valued.done()).isSameAs(child.context().done());
        assertThat(root.context().err()).isNull();
        assertThat(root.context().done().isClosed()).isFalse();
        assertThat(sibling.context().err()).isNull();

        root.cancel().run();
        assertThat(sibling.context().err()).isEqualTo(ContextError.CANCELED);
        return null;
      });
    }
  }

  @Test
  void aChildOfACancelledParentIsBornCancelledWithTheParentsError() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        GoContext.Cancelable expired =
            GoContext.withTimeout(ctx, GoContext.background(), Duration.ZERO);
        GoContext.Cancelable child = GoContext.withCancel(ctx, expired.context());
        assertThat(child.context().err()).isEqualTo(ContextError.DEADLINE_EXCEEDED);
        assertThat(isClosed(child.context().done())).isTrue();

        GoContext.Cancelable cancelled = GoContext.withCancel(ctx, GoContext.background());
        cancelled.cancel().run();
        GoContext.Cancelable late = GoContext.withTimeout(ctx,
            GoContext.withValue(cancelled.context(), "k", 1), Duration.ofHours(1));
        assertThat(late.context().err()).isEqualTo(ContextError.CANCELED);
        assertThat(isClosed(late.context().done())).isTrue();
        return null;
      });
    }
  }

  @Test
  void aPassedDeadlineClosesDoneAndSetsDeadlineExceededDownTheTree() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        long start = ctx.now();
        Duration timeout = Duration.ofMillis(30);
        GoContext.Cancelable timed = GoContext.withTimeout(ctx, GoContext.background(), timeout);
        GoContext.Cancelable child = GoContext.withCancel(ctx, timed.context());
        assertThat(timed.context().err()).isNull();

        String how = timed.context().onDone(ctx.<String>select(), () -> "done").run();

        assertThat(how).isEqualTo("done");
        assertThat(ctx.now() - start).isGreaterThanOrEqualTo(timeout.toNanos());
        assertThat(timed.context().err()).isEqualTo(ContextError.DEADLINE_EXCEEDED);
        assertThat(child.context().err()).isEqualTo(ContextError.DEADLINE_EXCEEDED);
        assertThat(isClosed(child.context().done())).isTrue();
        timed.cancel().run(); // idempotent: the first error stays
        assertThat(timed.context().err()).isEqualTo(ContextError.DEADLINE_EXCEEDED);
        return null;
      });
    }
  }

  @Test
  void aDeadlineIsTheEarlierOfItsOwnAndItsParents() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        long now = ctx.now();
        long second = 1_000_000_000L;
        GoContext.Cancelable parent =
            GoContext.withDeadline(ctx, GoContext.background(), now + second);
        GoContext.Cancelable later = GoContext.withDeadline(ctx, parent.context(), now + 5 * second);
        GoContext.Cancelable sooner =
            GoContext.withDeadline(ctx, parent.context(), now + second / 2);
        GoContext valued = GoContext.withValue(sooner.context(), "k", "v");
        GoContext.Cancelable plain = GoContext.withCancel(ctx, valued);

        assertThat(GoContext.background().deadline()).isEmpty();
        assertThat(parent.context().deadline()).hasValue(now + second);
        assertThat(later.context().deadline()).hasValue(now + second);
        assertThat(sooner.context().deadline()).hasValue(now + second / 2);
        assertThat(valued.deadline()).hasValue(now + second / 2);
        assertThat(plain.context().deadline()).hasValue(now + second / 2);
        parent.cancel().run();
        return null;
      });
    }
  }

  @Test
  void aValueIsFoundThroughTheChainAndTheNearestOneWins() throws Exception {
    record Key(String name) {}
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        Key user = new Key("user");
        Key trace = new Key("trace");
        GoContext a = GoContext.withValue(GoContext.background(), user, "ann");
        GoContext.Cancelable b = GoContext.withCancel(ctx, GoContext.withValue(a, trace, 7));
        GoContext c = GoContext.withValue(b.context(), user, "bob");

        assertThat(c.value(user)).isEqualTo("bob");
        assertThat(c.value(new Key("trace"))).isEqualTo(7);
        assertThat(b.context().value(user)).isEqualTo("ann");
        assertThat(a.value(trace)).isNull();
        assertThat(c.value(new Key("absent"))).isNull();
        assertThat(GoContext.background().value(user)).isNull();
        assertThatThrownBy(() -> GoContext.withValue(a, null, 1))
            .isInstanceOf(NullPointerException.class);
        b.cancel().run();
        return null;
      });
    }
  }

  @Test
  void cancellingATimedContextEarlyStopsItsTimerTaskSoNothingIsLeftRunning() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      boolean onlyTheRunLeft = model.run(ctx -> {
        GoContext.Cancelable parent = GoContext.withCancel(ctx, GoContext.background());
        GoContext.Cancelable timed =
            GoContext.withTimeout(ctx, parent.context(), Duration.ofHours(1));
        GoContext.Cancelable inner =
            GoContext.withTimeout(ctx, timed.context(), Duration.ofMinutes(30));
        assertThat(model.stats().running()).as("the run and two timer tasks").isEqualTo(3);
        parent.cancel().run(); // the parent's cancellation reaches both timers
        assertThat(inner.context().err()).isEqualTo(ContextError.CANCELED);
        return Probes.awaitRunning(model, ctx, 1);
      });
      assertThat(onlyTheRunLeft).as("timer tasks gone before the run ended").isTrue();
      assertThat(model.stats().running()).isZero();
      assertThat(model.stats().cancelled()).as("the two timer tasks").isEqualTo(2);
    }
  }

  @Test
  void backgroundIsNeverCancelledAndAddsNoCaseToASelect() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        GoContext bg = GoContext.background();
        assertThat(bg.done()).isNull();
        assertThat(bg.err()).isNull();
        assertThat(GoContext.withValue(bg, "k", 1).done()).isNull();
        Channel<String> results = ctx.channel(1);
        results.send("result");
        String chosen = bg.onDone(ctx.<String>select(), () -> "cancelled")
            .onReceive(results, v -> v).run();
        assertThat(chosen).isEqualTo("result");
        String idle = bg.onDone(ctx.<String>select(), () -> "cancelled")
            .onDefault(() -> "default").run();
        assertThat(idle).isEqualTo("default");
        return null;
      });
    }
  }

  @Test
  void cancelWorksFromAThreadOutsideTheModel() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run((Ctx ctx) -> {
        GoContext.Cancelable c = GoContext.withCancel(ctx, GoContext.background());
        GoContext.Cancelable child = GoContext.withCancel(ctx, c.context());
        Thread.ofPlatform().start(c.cancel()).join();
        assertThat(child.context().err()).isEqualTo(ContextError.CANCELED);
        return null;
      });
    }
  }
}
