package io.execmodels.core;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.ExecutionException;
import reactor.core.publisher.Mono;

/**
 * Reactor interop for {@link Task}s. Reactor is an optional dependency of execmodels: this class
 * needs {@code io.projectreactor:reactor-core} on the class path, nothing else in core does.
 */
public final class ReactorTasks {

  private ReactorTasks() {}

  /**
   * A {@link Mono} of the task's outcome: its value (empty for {@code null}), its failure, or a
   * {@link java.util.concurrent.CancellationException} if it was cancelled. Every subscriber sees
   * the same outcome; cancelling a subscription does not cancel the task (others may want it). A
   * failure counts as retrieved once the Mono is subscribed to.
   *
   * @param <T> the type of the task's result
   * @param task the task whose outcome to publish
   * @return a Mono of the task's outcome
   */
  // Reactor is an optional dependency (requires static): a caller of this method has it already.
  @SuppressWarnings("exports")
  public static <T> Mono<T> toMono(Task<T> task) {
    return Mono.create(sink -> task.addListener(() -> {
      try {
        T value = task.get();
        if (value == null) {
          sink.success();
        } else {
          sink.success(value);
        }
      } catch (ExecutionException e) {
        sink.error(e.getCause());
      } catch (RuntimeException e) {
        sink.error(e);
      } catch (InterruptedException e) {
        throw new AssertionError("get() of a done task waited", e);
      }
    }, MoreExecutors.directExecutor()));
  }
}
