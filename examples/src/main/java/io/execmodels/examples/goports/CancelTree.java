package io.execmodels.examples.goports;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.csp.GoContext;
import io.execmodels.csp.Timers;
import io.execmodels.csp.WaitGroup;
import java.time.Duration;
import java.util.List;

/**
 * {@code examples/src/main/go/canceltree/main.go} on {@code csp}: a request context with a 2 s
 * deadline, a child context per worker, one worker's subtree cancelled by hand. Prints each
 * worker's outcome in worker order, then the request's error.
 */
public final class CancelTree {
  private CancelTree() {}

  static String work(Ctx ctx, GoContext gctx, Duration d) throws Exception {
    return ctx.<String>select()
        .onReceive(Timers.after(ctx, d), t -> "done")
        .onReceive(gctx.done(), closed -> String.valueOf(gctx.err()))
        .run();
  }

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      try (var request = GoContext.withTimeout(ctx, GoContext.background(),
              Duration.ofSeconds(2));
          var w1 = GoContext.withCancel(ctx, request.context());
          var w2 = GoContext.withCancel(ctx, request.context())) {
        var w3 = GoContext.withCancel(ctx, request.context());
        try (var grandchild = GoContext.withCancel(ctx, w3.context())) {
          w3.cancel().run();

          String[] outcomes = new String[4];
          WaitGroup wg = new WaitGroup();
          wg.go(ctx, c -> outcomes[0] = work(c, w1.context(), Duration.ofMillis(10)));
          wg.go(ctx, c -> outcomes[1] = work(c, w2.context(), Duration.ofSeconds(10)));
          wg.go(ctx, c -> outcomes[2] = work(c, w3.context(), Duration.ofSeconds(10)));
          wg.await(ctx);
          outcomes[3] = String.valueOf(grandchild.context().err());

          return List.of(
              "worker 1: " + outcomes[0],
              "worker 2: " + outcomes[1],
              "worker 3: " + outcomes[2],
              "worker 3's child: " + outcomes[3],
              "request: " + request.context().err());
        }
      }
    });
  }

  /** Runs it on {@code csp} and prints what Go's prints. */
  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      output(model).forEach(System.out::println);
    }
  }
}
