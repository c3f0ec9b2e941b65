package io.execmodels.core.spi;

import io.execmodels.core.Task;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare {@link TaskBody} for testing scheduler helpers without core's tasks: runs {@code code},
 * has a name (or none) and a number, is never a run's root, and completes no {@link Task}.
 */
record TestBody(long id, String givenName, Runnable code) implements TaskBody {

  private static final AtomicLong IDS = new AtomicLong();

  /** A body named {@code name} ({@code null}: none) running {@code code}. */
  static TestBody of(String name, Runnable code) {
    return new TestBody(IDS.incrementAndGet(), name, code);
  }

  @Override
  public void run() {
    code.run();
  }

  @Override
  public boolean isRoot() {
    return false;
  }

  @Override
  public Task<?> task() {
    throw new UnsupportedOperationException("a test body completes no task");
  }
}
