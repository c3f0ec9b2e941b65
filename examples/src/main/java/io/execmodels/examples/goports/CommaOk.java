package io.execmodels.examples.goports;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Received;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code examples/src/main/go/commaok/main.go} on {@code csp}: Go's {@code v, ok := <-ch}, as
 * {@code receiveOk()} and a select's {@code onReceiveOk}. A closed channel is an answer (ok
 * false, the zero value), not a failure, so a goroutine reading until the close carries on.
 */
public final class CommaOk {
  private CommaOk() {}

  /** Go's zero value for an int, where a closed channel gives no value. */
  private static int orZero(Received<Integer> r) {
    return r.ok() ? r.value() : 0;
  }

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      List<String> out = new ArrayList<>();
      Channel<Integer> ch = ctx.channel(2);
      ch.send(1);
      ch.send(2);
      ch.close();
      for (int i = 0; i < 3; i++) {
        Received<Integer> r = ch.receiveOk();
        out.add("receive " + orZero(r) + " " + r.ok());
      }

      Channel<Integer> done = ctx.channel(0);
      done.close();
      Channel<Integer> never = null;
      out.add(ctx.<String>select()
          .onReceiveOk(done, r -> "select closed " + orZero(r) + " " + r.ok())
          .onReceive(never, v -> "nil channel " + v)
          .run());

      Channel<String> results = ctx.channel(0);
      Channel<Integer> in = ctx.channel(0);
      ctx.go(c -> {
        int sum = 0;
        while (true) {
          Received<Integer> r = in.receiveOk();
          if (!r.ok()) {
            results.send("sum " + sum + " then closed");
            return null;
          }
          sum += r.value();
        }
      });
      for (int i = 1; i <= 4; i++) {
        in.send(i);
      }
      in.close();
      out.add(results.receive());
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
