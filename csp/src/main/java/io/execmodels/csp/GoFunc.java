package io.execmodels.csp;

import io.execmodels.core.Ctx;
import java.io.Serializable;

/**
 * A piece of work that returns nothing but may fail: Go's {@code func() error} (as {@link
 * ErrGroup} runs it) or {@code func()} (as {@link Once}, {@link WaitGroup#go} and {@link
 * Timers#afterFunc} run it). Returning normally is Go's {@code return nil}; throwing is returning
 * an error, or panicking, as the caller's Javadoc says.
 *
 * <p>Serializable, like core's {@link io.execmodels.core.Body}, so that a lambda can be handed to
 * a task; the {@code csp} model never serializes it.
 */
@FunctionalInterface
public interface GoFunc extends Serializable {

  /**
   * Does the work.
   *
   * @param ctx the context of the task that runs it; valid only inside this call, on that task
   * @throws Exception the work's failure (Go's non-nil error)
   */
  void run(Ctx ctx) throws Exception;
}
