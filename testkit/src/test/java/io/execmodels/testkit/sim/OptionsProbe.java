package io.execmodels.testkit.sim;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;

/**
 * Run in a JVM of {@link ModelOptionsTest}'s own, with the environment it chose: opens {@code sim}
 * by name and prints the carrier its run's task ran on.
 */
final class OptionsProbe {
  private OptionsProbe() {}

  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("sim")) {
      System.out.println("carrier " + model.run(ctx -> SimCarrierTest.carrierOf(
          Thread.currentThread())));
    }
  }
}
