package io.execmodels.examples.goports;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.csp.ErrGroup;
import io.execmodels.csp.GoContext;
import io.execmodels.csp.Timers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code examples/src/main/go/workerpool/main.go} on {@code csp}, with {@link ErrGroup}: twenty
 * jobs, at most three at once; job 13 fails, the group cancels its context on that first error,
 * and {@code await} returns it. Prints the error and whether the limit held.
 */
public final class WorkerPool {
  private WorkerPool() {}

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      ErrGroup g = ErrGroup.withContext(ctx, GoContext.background());
      g.setLimit(3);
      GoContext gctx = g.context();
      ReentrantLock mu = new ReentrantLock();
      int[] running = {0};
      int[] most = {0};
      for (int job = 1; job <= 20; job++) {
        int id = job;
        g.go(ctx, c -> {
          mu.lock();
          try {
            running[0]++;
            most[0] = Math.max(most[0], running[0]);
          } finally {
            mu.unlock();
          }
          try {
            if (id == 13) {
              throw new Exception("job 13: bad input");
            }
            String outcome = c.<String>select()
                .onReceive(gctx.done(), d -> String.valueOf(gctx.err()))
                .onReceive(Timers.after(c, Duration.ofMillis(1)), t -> null)
                .run();
            if (outcome != null) {
              throw new Exception(outcome);
            }
          } finally {
            mu.lock();
            try {
              running[0]--;
            } finally {
              mu.unlock();
            }
          }
        });
      }
      Throwable err = g.await(ctx);
      return List.of(
          "error: " + err.getMessage(),
          "never more than 3 jobs at once: " + (most[0] <= 3));
    });
  }

  /** Runs it on {@code csp} and prints what Go's prints. */
  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      output(model).forEach(System.out::println);
    }
  }
}
