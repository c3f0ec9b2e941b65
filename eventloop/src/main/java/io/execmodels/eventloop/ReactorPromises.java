package io.execmodels.eventloop;

import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Reactor interop for {@link Promise}s. Reactor is optional: this class needs {@code
 * io.projectreactor:reactor-core} on the class path, nothing else in this module does.
 */
@SuppressWarnings("exports") // Reactor is optional: a user of these methods has it already.
public final class ReactorPromises {

  private ReactorPromises() {}

  /**
   * A {@link Mono} of the promise's outcome: its value (empty for {@code null}) or its failure.
   * Each subscription registers a handler on the loop (so subscribing counts as handling a
   * rejection); signals are emitted on the loop thread. Any thread may subscribe.
   *
   * @param <T> the type of the value
   * @param promise the promise whose outcome it emits; not null
   * @return a mono of the promise's value, empty for null, or of its failure
   */
  public static <T> Mono<T> toMono(Promise<T> promise) {
    Objects.requireNonNull(promise, "promise");
    return Mono.defer(() -> Mono.fromFuture(promise.toCompletableFuture(), true));
  }

  /**
   * A promise of {@code mono}'s first value ({@code null} if it completes empty) or its error,
   * settled on the loop. It subscribes at once and keeps the loop alive until then. Loop only.
   *
   * @param <T> the type of the value
   * @param loop the loop the returned promise belongs to
   * @param mono the mono to subscribe to; not null
   * @return a promise settled on the loop with the mono's first value or its error
   */
  public static <T> Promise<T> fromMono(EventLoop loop, Mono<? extends T> mono) {
    Objects.requireNonNull(mono, "mono");
    return Promise.fromFuture(loop, mono.toFuture());
  }
}
