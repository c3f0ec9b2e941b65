package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a JVM of {@link AsyncioCarrierTest}'s own, with whatever JVM options the test chose:
 * prints which carrier an {@code asyncio} task ran on (a virtual thread's {@code toString} ends
 * with its carrier's name), the sum a gather of 100 tasks gave, and how {@code
 * asyncio.carrier=own} fared.
 */
final class CarrierProbe {
  private CarrierProbe() {}

  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open(AsyncioModelProvider.NAME)) {
      String where = model.run(ctx -> Thread.currentThread().toString());
      int sum = model.run(ctx -> {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
          int n = i;
          tasks.add(Asyncio.createTask(ctx, c -> n));
        }
        return Asyncio.gather(ctx, tasks).stream().mapToInt(Integer::intValue).sum();
      });
      System.out.println("carrier " + (where.endsWith("@asyncio-carrier") ? "own" : "default"));
      System.out.println("sum " + sum);
    }
    try (ExecutionModel model = ExecutionModels.open(
        Config.defaults().withModel(AsyncioModelProvider.NAME)
            .withOption("asyncio.carrier", "own"))) {
      System.out.println("own carrier opened: " + model.name());
    } catch (IllegalArgumentException e) {
      System.out.println("own carrier refused: " + e.getMessage());
    }
  }
}
