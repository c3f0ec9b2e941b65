package io.execmodels.examples.goports;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.csp.ErrGroup;
import io.execmodels.csp.GoContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code examples/src/main/go/errgroup/main.go} on {@code csp}: {@link ErrGroup} as {@code
 * golang.org/x/sync/errgroup}: {@code setLimit}, {@code tryGo} refused at the limit and accepted
 * with a free slot, {@code await} giving the first error, and {@code withContext} cancelling the
 * group's context on it.
 */
public final class ErrGroupPort {
  private ErrGroupPort() {}

  /** Go's {@code fmt.Println} of an {@code error}: its message, {@code <nil>} for none. */
  private static String err(Throwable e) {
    return e == null ? "<nil>" : e.getMessage();
  }

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      List<String> out = new ArrayList<>();
      ErrGroup g = new ErrGroup();
      g.setLimit(1);
      Channel<Boolean> started = ctx.channel(0);
      Channel<Boolean> release = ctx.channel(0);
      g.go(ctx, c -> {
        started.close();
        release.receiveOk();
      });
      started.receiveOk();
      out.add("TryGo at the limit: " + g.tryGo(ctx, c -> { }));
      release.close();
      out.add("Wait: " + err(g.await(ctx)));
      Channel<String> ran = ctx.channel(1);
      out.add("TryGo with a free slot: " + g.tryGo(ctx, c -> {
        ran.send("the body ran");
        throw new Exception("boom");
      }));
      out.add("Wait: " + err(g.await(ctx)));
      out.add(ran.receive());

      ErrGroup g2 = ErrGroup.withContext(ctx, GoContext.background());
      GoContext gctx = g2.context();
      g2.go(ctx, c -> {
        throw new Exception("first");
      });
      g2.go(ctx, c -> {
        gctx.done().receiveOk();
        throw new Exception(gctx.err().toString());
      });
      out.add("Wait: " + err(g2.await(ctx)));
      out.add("the group's context: " + gctx.err());
      return out;
    });
  }

  /** Runs it on {@code csp} and prints what Go's prints. */
  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      output(model).forEach(System.out::println);
    }
  }
}
