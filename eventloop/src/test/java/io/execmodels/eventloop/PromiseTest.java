package io.execmodels.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Promises: reactions, combinators, rejections nobody handled, adapters. */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class PromiseTest {

  private final List<Object> out = new ArrayList<>();

  @Test
  void thenChainsPassValuesAndRejectionsThroughToTheFirstHandler() {
    EventLoop loop = new EventLoop();
    IllegalStateException boom = new IllegalStateException("boom");
    loop.run(() -> Promise.resolve(loop, 1)
        .then(v -> v + 1)
        .<Integer>then(v -> {
          throw boom;
        })
        .then(v -> v * 100)
        .catchError(e -> {
          out.add(e);
          return -1;
        })
        .andFinally(() -> out.add("finally"))
        .then(v -> out.add(v)));
    assertThat(out).containsExactly(boom, "finally", -1);
    loop.close();
  }

  @Test
  void thenComposeAdoptsTheReturnedPromiseTwoMicrotasksLater() {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      Promise.resolve(loop, 1).thenCompose(v -> Promise.resolve(loop, v + 1))
          .then(v -> out.add("composed " + v));
      Promise.resolve(loop, null)
          .then(v -> out.add("hop 1"))
          .then(v -> out.add("hop 2"))
          .then(v -> out.add("hop 3"))
          .then(v -> out.add("hop 4"));
    });
    // V8: the compose reaction (hop 1), the thenable job (hop 2), the adoption (hop 3): the
    // composed value comes after hop 3, before hop 4 — as `p.then(v => Promise.resolve(v+1))`.
    assertThat(out).containsExactly("hop 1", "hop 2", "hop 3", "composed 2", "hop 4");
    loop.close();
  }

  @Test
  void allGivesEveryValueInOrderOrTheFirstRejection() {
    EventLoop loop = new EventLoop();
    IllegalStateException boom = new IllegalStateException("boom");
    loop.run(() -> {
      Promise<Integer> slow = Promise.create(loop, (res, rej) -> loop.setTimeout(
          () -> res.accept(1), 5));
      Promise.all(loop, List.of(slow, Promise.resolve(loop, 2)))
          .then(v -> out.add(v));
      Promise.all(loop, List.of(slow, Promise.<Integer>reject(loop, boom)))
          .catchError(e -> {
            out.add(e);
            return null;
          });
      Promise.all(loop, List.<Promise<Integer>>of()).then(v -> out.add(v));
    });
    assertThat(out).containsExactly(List.of(), boom, List.of(1, 2));
    loop.close();
  }

  @Test
  void allSettledRaceAndAnyFollowJavaScript() {
    EventLoop loop = new EventLoop();
    IllegalStateException a = new IllegalStateException("a");
    IllegalStateException b = new IllegalStateException("b");
    loop.run(() -> {
      Promise<String> late = Promise.create(loop, (res, rej) -> loop.setTimeout(
          () -> res.accept("late"), 5));
      Promise<String> failed = Promise.reject(loop, a);
      Promise.allSettled(loop, List.of(late, failed)).then(v -> out.add(v));
      Promise.race(loop, List.of(late, failed)).catchError(e -> "race lost to " + e.getMessage())
          .then(v -> out.add(v));
      Promise.any(loop, List.of(failed, late)).then(v -> out.add("any " + v));
      Promise.<String>any(loop, List.of(failed, Promise.reject(loop, b)))
          .catchError(e -> "all rejected: " + ((AggregateException) e).errors())
          .then(v -> out.add(v));
    });
    assertThat(out).containsExactly("race lost to a",
        "all rejected: [" + a + ", " + b + "]",
        List.of(Settled.fulfilled("late"), Settled.rejected(a)),
        "any late");
    loop.close();
  }

  @Test
  void anUnhandledRejectionEndsRunWithThatError() {
    EventLoop loop = new EventLoop();
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> loop.run(() -> {
      Promise.reject(loop, boom);
      loop.setTimeout(() -> out.add("never"), 1);
    })).isInstanceOf(EventLoopException.class).hasCause(boom);
    assertThat(out).isEmpty();
    loop.close();
  }

  @Test
  void aRejectionHandledWithinTheSameMicrotaskDrainIsNotReported() {
    EventLoop loop = new EventLoop();
    IllegalStateException boom = new IllegalStateException("boom");
    loop.run(() -> {
      Promise<Object> p = Promise.reject(loop, boom);
      loop.queueMicrotask(() -> p.catchError(e -> out.add(e)));
    });
    assertThat(out).containsExactly(boom);
    loop.close();
  }

  @Test
  void aConfiguredHandlerReceivesUnhandledRejectionsAndTheLoopGoesOn() {
    List<Throwable> seen = new ArrayList<>();
    EventLoop loop = new EventLoop(LoopOptions.defaults().withOnUnhandledRejection(seen::add));
    IllegalStateException boom = new IllegalStateException("boom");
    loop.run(() -> {
      Promise.reject(loop, boom);
      loop.setTimeout(() -> out.add("after"), 1);
    });
    assertThat(seen).containsExactly(boom);
    assertThat(out).containsExactly("after");
    loop.close();
  }

  @Test
  void adaptersCarryOutcomesBothWaysAndSettleOnTheLoop() throws Exception {
    EventLoop loop = new EventLoop();
    CompletableFuture<String> fromOutside = new CompletableFuture<>();
    CompletableFuture<?>[] toFuture = new CompletableFuture<?>[1];
    Thread[] loopThread = new Thread[1];
    loop.run(() -> {
      loopThread[0] = Thread.currentThread();
      Promise.fromFuture(loop, fromOutside).then(v -> {
        out.add(v);
        out.add(Thread.currentThread());
        return null;
      });
      toFuture[0] = Promise.resolve(loop, "out").toCompletableFuture();
      ReactorPromises.fromMono(loop, Mono.just("mono")).then(v -> out.add(v));
      new Thread(() -> fromOutside.complete("cf")).start();
    });
    assertThat(out).contains("mono").containsSubsequence("cf", loopThread[0]);
    assertThat(toFuture[0].get()).isEqualTo("out");

    List<Object> fromMono = new ArrayList<>();
    loop.run(() -> ReactorPromises.toMono(Promise.resolve(loop, "to mono"))
        .subscribe(fromMono::add));
    assertThat(fromMono).containsExactly("to mono");
    loop.close();
  }

  @Test
  void aCoreTaskBecomesAPromiseOfItsOutcome() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(EventLoopModelProvider.NAME)) {
      Task<Integer> task = model.spawn(ctx -> 6 * 7);
      EventLoop loop = new EventLoop();
      loop.run(() -> Promise.fromTask(loop, task).then(v -> out.add(v)));
      assertThat(out).containsExactly(42);
      loop.close();
    }
  }
}
