package io.execmodels.testkit.sim;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.testkit.prop.Gen;
import io.execmodels.testkit.prop.Property;
import io.execmodels.testkit.prop.PropertyResult;
import java.util.Set;
import java.util.TreeSet;

/**
 * Run in a JVM of {@link SimCarrierTest}'s own, without {@code --add-opens java.base/java.lang}:
 * prints where a property's simulated tasks ran ({@code own} for the shared carrier, {@code
 * default} for the JDK's scheduler), how the exploration ended, and how {@code sim.carrier=own}
 * fared.
 */
final class SimCarrierProbe {
  private SimCarrierProbe() {}

  public static void main(String[] args) throws Exception {
    Set<String> carriers = new TreeSet<>();
    PropertyResult r = Property.forAll("spawn and sum", Gen.ints(1, 5), (ctx, n) -> {
      int sum = 0;
      for (int i = 1; i <= n; i++) {
        int k = i;
        sum += ctx.await(ctx.spawn(c -> {
          String carrier = SimCarrierTest.carrierOf(Thread.currentThread());
          synchronized (carriers) {
            carriers.add(carrier.equals("sim-carrier") ? "own" : "default");
          }
          return k;
        }));
      }
      if (sum != n * (n + 1) / 2) {
        throw new AssertionError("sum " + sum);
      }
    }).withMaxExamples(20).run();
    synchronized (carriers) {
      System.out.println("carriers " + carriers);
    }
    System.out.println("examples " + r.examples() + ", "
        + (r.counterexample().isEmpty() ? "passed" : "failed"));
    try (ExecutionModel model = ExecutionModels.open(
        Config.defaults().withModel("sim").withOption("sim.carrier", "own"))) {
      System.out.println("own carrier opened: " + model.name());
    } catch (IllegalArgumentException e) {
      System.out.println("own carrier refused: " + e.getMessage());
    }
  }
}
