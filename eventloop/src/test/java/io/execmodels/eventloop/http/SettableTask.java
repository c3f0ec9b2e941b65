package io.execmodels.eventloop.http;

import com.google.common.util.concurrent.AbstractFuture;
import io.execmodels.core.Task;
import java.util.concurrent.CompletableFuture;

/** A core {@link Task} the test completes by hand, as a model's task completes on its own. */
final class SettableTask<T> extends AbstractFuture<T> implements Task<T> {

  @Override
  public String name() {
    return "settable";
  }

  @Override
  public boolean set(T value) {
    return super.set(value);
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> f = new CompletableFuture<>();
    addListener(() -> {
      try {
        f.complete(get());
      } catch (Exception e) {
        f.completeExceptionally(e);
      }
    }, Runnable::run);
    return f;
  }
}
