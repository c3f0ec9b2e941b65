package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Task;
import java.util.List;

/**
 * What {@link Asyncio#wait} returns: asyncio's {@code (done, pending)} pair, each in the order the
 * tasks were given (asyncio returns sets). Immutable.
 *
 * @param done the tasks done when the wait returned
 * @param pending the others, still running and not cancelled by the wait
 * @param <T> the tasks' result type
 */
public record Done<T>(List<Task<T>> done, List<Task<T>> pending) {
  /** Copies both lists. */
  public Done {
    done = List.copyOf(done);
    pending = List.copyOf(pending);
  }
}
