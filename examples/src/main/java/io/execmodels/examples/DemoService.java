package io.execmodels.examples;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import java.time.Duration;

/**
 * A model-agnostic service whose result is known in advance: its business logic ({@link
 * #call(Ctx)}) is written once against {@link Ctx}, and the shootout runs it on every model and
 * checks the result against {@link #expected()}.
 *
 * <p>{@link #expected()} is computed independently of {@link #call(Ctx)} (a closed formula, or a
 * different algorithm), so a model that loses, duplicates or reorders work shows up as a wrong
 * result rather than as a fast one.
 *
 * <p>Implementations are immutable and can be run any number of times, on any model.
 */
public interface DemoService {

  /** A short name for tables ({@code fan-out}). */
  String name();

  /** One line on the workload and its size ({@code 100 calls x 50 ms}). */
  String workload();

  /** The result {@link #call(Ctx)} must give on every model. */
  long expected();

  /**
   * The service's business logic, run as the main task of a run.
   *
   * @param ctx the context of the task it runs in
   * @return the result, which must equal {@link #expected()}
   * @throws Exception if the service fails
   */
  long call(Ctx ctx) throws Exception;

  /**
   * Runs {@link #call(Ctx)} once on {@code model}, as one {@link ExecutionModel#run run}, and
   * times it with the real clock from outside the model.
   *
   * @throws Exception whatever the run threw
   */
  default Measured measure(ExecutionModel model) throws Exception {
    long start = System.nanoTime();
    long result = model.run(this::call);
    return new Measured(result, Duration.ofNanos(System.nanoTime() - start));
  }
}
