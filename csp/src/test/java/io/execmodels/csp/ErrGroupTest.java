package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.csp.Probes.Boom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ErrGroupTest {

  @Test
  void theFirstErrorCancelsTheContextAndIsReturnedWithTheLaterOnesSuppressed() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      Throwable err = model.run(ctx -> {
        ErrGroup g = ErrGroup.withContext(ctx, GoContext.background());
        GoContext gctx = g.context();
        for (String name : new String[] {"second", "third"}) {
          g.go(ctx, c -> {
            ReceiveChannel<Boolean> done = gctx.done();
            for (Boolean ignored : done) {
              // waits for the first error to cancel the group's context
            }
            throw new Boom(name);
          });
        }
        g.go(ctx, c -> {
          throw new Boom("first");
        });
        Throwable first = g.await(ctx);
        assertThat(gctx.err()).isEqualTo(ContextError.CANCELED);
        return first;
      });
      assertThat(err).isInstanceOf(Boom.class).hasMessage("first");
      assertThat(err.getSuppressed()).extracting(Throwable::getMessage)
          .containsExactlyInAnyOrder("second", "third");
    }
  }

  @Test
  void awaitWithNoErrorReturnsNullAndThenCancelsTheContext() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        ErrGroup g = ErrGroup.withContext(ctx, GoContext.background());
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
          g.go(ctx, c -> {
            assertThat(g.context().err()).isNull();
            ran.incrementAndGet();
          });
        }
        assertThat(g.await(ctx)).isNull();
        assertThat(ran).hasValue(5);
        assertThat(g.context().err()).isEqualTo(ContextError.CANCELED);

        ErrGroup plain = new ErrGroup();
        plain.go(ctx, c -> ran.incrementAndGet());
        assertThat(plain.await(ctx)).isNull();
        assertThat(plain.context()).isSameAs(GoContext.background());
        return null;
      });
    }
  }

  @Test
  void aLimitOfTwoNeverLetsMoreThanTwoBodiesRunAtOnce() throws Exception {
    int bodies = 12;
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Channel<Boolean> started = ctx.channel(bodies);
        Channel<Boolean> release = ctx.channel(0);
        Task<Void> launcher = ctx.spawn(c -> {
          for (int i = 0; i < bodies; i++) {
            g.go(c, b -> {
              max.accumulateAndGet(now.incrementAndGet(), Math::max);
              started.send(true);
              release.receive();
              now.decrementAndGet();
            });
          }
          return null;
        });
        for (int i = 0; i < bodies; i++) {
          started.receive();
          if (i % 2 == 1) {
            // Two bodies run, waiting for release; the launcher, unless it has started them all,
            // waits in go. Were the limit not kept, more bodies would start, and would show in
            // started or keep the count of parked tasks from settling.
            long parked = i == bodies - 1 ? 2 : 3;
            assertThat(Probes.awaitParked(model, ctx, parked))
                .as("two bodies and the launcher parked").isTrue();
            assertThat(started.size()).as("bodies started beyond the limit").isZero();
            release.send(true);
            release.send(true);
          }
        }
        ctx.await(launcher);
        assertThat(g.await(ctx)).isNull();
        assertThat(max).hasValue(2);
        return null;
      });
    }
  }

  @Test
  void changingTheLimitWhileBodiesRunIsRejected() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        ErrGroup g = new ErrGroup();
        Channel<Boolean> release = ctx.channel(0);
        g.go(ctx, c -> release.receive());
        assertThatThrownBy(() -> g.setLimit(1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("still active");
        release.send(true);
        assertThat(g.await(ctx)).isNull();
        g.setLimit(1);
        return null;
      });
    }
  }

  @Test
  void tryGoStartsNothingWhileTheLimitIsReachedAndStartsOnceASlotIsFree() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        ErrGroup g = new ErrGroup();
        g.setLimit(1);
        Channel<Boolean> release = ctx.channel(0);
        AtomicInteger ran = new AtomicInteger();
        assertThat(g.tryGo(ctx, c -> {
          ran.incrementAndGet();
          release.receive();
        })).as("a free slot").isTrue();
        // The first body holds the only slot until released (it may not have started yet: the
        // slot is taken when tryGo returns true, as in Go).
        assertThat(g.tryGo(ctx, c -> ran.addAndGet(100))).as("limit reached").isFalse();
        release.send(true);
        assertThat(g.await(ctx)).isNull();
        assertThat(g.tryGo(ctx, c -> ran.addAndGet(10))).as("the slot is free again").isTrue();
        assertThat(g.await(ctx)).isNull();
        assertThat(ran).as("the refused body never ran").hasValue(11);
        return null;
      });
    }
  }

  @Test
  void tryGoWithoutALimitAlwaysStartsAndReportsErrorsLikeGo() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      model.run(ctx -> {
        ErrGroup g = new ErrGroup();
        Boom boom = new Boom("first");
        assertThat(g.tryGo(ctx, c -> {
          throw boom;
        })).isTrue();
        assertThat(g.tryGo(ctx, c -> { })).isTrue();
        assertThat(g.await(ctx)).isSameAs(boom);
        return null;
      });
    }
  }
}
