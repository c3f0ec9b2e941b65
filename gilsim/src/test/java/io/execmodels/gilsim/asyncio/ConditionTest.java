package io.execmodels.gilsim.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.gilsim.PythonScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code asyncio.Condition} on the {@code asyncio} model, line by line against python3. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConditionTest {

  @Test
  void aConditionWakesWaitersInOrderAndNeedsItsLock() throws Exception {
    List<String> out = new ArrayList<>();
    try (ExecutionModel model = ExecutionModels.open("asyncio")) {
      model.run(ctx -> {
        Condition cond = new Condition();
        List<Integer> woken = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          int id = i;
          tasks.add(Asyncio.createTask(ctx, c -> {
            cond.acquire(c);
            try {
              cond.await(c);
              woken.add(id);
            } finally {
              cond.release();
            }
            return null;
          }));
        }
        Asyncio.sleep(ctx, Duration.ZERO); // each has run to its wait
        for (int n : new int[] {1, 2}) {
          cond.acquire(ctx);
          cond.notify(n);
          cond.release();
          while (woken.size() < (n == 1 ? 1 : 3)) {
            Asyncio.sleep(ctx, Duration.ZERO);
          }
          out.add("woken " + woken);
        }
        Asyncio.gather(ctx, tasks);
        try {
          cond.await(ctx);
        } catch (IllegalStateException e) {
          out.add("wait without the lock -> RuntimeError: " + e.getMessage());
        }
        try {
          cond.notifyOne();
        } catch (IllegalStateException e) {
          out.add("notify without the lock -> RuntimeError: " + e.getMessage());
        }
        List<Boolean> ready = new ArrayList<>();
        cond.acquire(ctx);
        try {
          Asyncio.createTask(ctx, c -> {
            cond.acquire(c);
            ready.add(true);
            cond.notifyAllWaiters();
            cond.release();
            return null;
          });
          cond.waitFor(ctx, () -> !ready.isEmpty());
          out.add("wait_for -> " + ready.toString().replace("true", "True"));
        } finally {
          cond.release();
        }
        return null;
      });
    }
    assertThat(out).isEqualTo(PythonScript.run(ConditionTest.class, "condition.py"));
  }
}
