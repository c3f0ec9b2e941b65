package io.execmodels.core;

import java.io.Serializable;

/**
 * The code of a task: a function of the {@link Ctx} of the task that runs it.
 *
 * <p>A body is {@link Serializable} so that a model whose tasks live in other processes can
 * ship it; a lambda assigned to a {@code Body} is serializable as long as what it captures is.
 * Models whose tasks share the caller's memory never serialize it.
 *
 * @param <T> the type of the task's result ({@link Void} and {@code null} for none)
 */
@FunctionalInterface
public interface Body<T> extends Serializable {

  /**
   * Runs the task.
   *
   * @param ctx the running task's context; valid only inside this call, on this task
   * @return the task's result, which may be {@code null}
   * @throws Exception any failure, which fails the task
   */
  T run(Ctx ctx) throws Exception;
}
