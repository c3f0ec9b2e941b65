package io.execmodels.testkit.prop;

import io.execmodels.core.Ctx;

/**
 * The program a property checks, run as the body of one run of a model with one generated input.
 * It fails the property by throwing (an {@link AssertionError}, or any exception); its tasks, and
 * what they leave behind, are checked by the model (deadlock, leak, unhandled failures).
 *
 * @param <I> the input's type
 */
@FunctionalInterface
public interface SimBody<I> {

  /**
   * Runs the program on {@code input}, in the run's main task.
   *
   * @param ctx the main task's context
   * @param input the example's input ({@code null} for a property without input)
   * @throws Exception whatever the program threw, which fails the example
   */
  void run(Ctx ctx, I input) throws Exception;
}
