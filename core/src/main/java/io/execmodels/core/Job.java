package io.execmodels.core;

import java.io.Serializable;

/**
 * A CPU-bound step, handed to {@link Ctx#compute(Job)}.
 *
 * <p>A job touches no concurrency and no shared state: it is a pure computation from what it
 * captured to its result. It is {@link Serializable} because process-pool models run it in another
 * JVM; its result should be serializable for the same reason.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface Job<T> extends Serializable {

  /**
   * Computes the result.
   *
   * @return the result, which may be {@code null}
   * @throws Exception any failure, which {@link Ctx#compute(Job)} rethrows
   */
  T compute() throws Exception;
}
