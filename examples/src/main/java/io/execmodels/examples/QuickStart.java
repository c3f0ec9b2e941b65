package io.execmodels.examples;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;

/**
 * The quick start of the README, compiled and tested: a producer task sends 1 to 10 over a
 * buffered channel and closes it; the run's main task sums what it receives, then awaits the
 * producer. The model is chosen by name ({@code args[0]}, {@code csp} by default); the code is
 * the same on every model. It uses the core API only, so it compiles against any one model
 * module.
 */
public final class QuickStart {

  private QuickStart() {}

  /** Prints the sum and the model's name: {@code java ... QuickStart [model]}. */
  public static void main(String[] args) throws Exception {
    String name = args.length > 0 ? args[0] : "csp";
    try (ExecutionModel model = ExecutionModels.open(name)) {
      System.out.println("sum " + sum(model) + " on " + model.name());
    }
  }

  /** Runs the producer and the summing loop on {@code model}; returns the sum (55). */
  static int sum(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      Channel<Integer> numbers = ctx.channel(4);
      Task<Void> producer = ctx.spawn(c -> {
        try {
          for (int i = 1; i <= 10; i++) {
            numbers.send(i);
          }
        } finally {
          numbers.close(); // like Go's defer close(ch): the loop below ends even on failure
        }
        return null;
      });
      int sum = 0;
      for (int n : numbers) {
        sum += n;
      }
      ctx.await(producer); // rethrows the producer's failure, if any
      return sum;
    });
  }
}
