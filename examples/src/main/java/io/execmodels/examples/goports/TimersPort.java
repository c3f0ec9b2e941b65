package io.execmodels.examples.goports;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.csp.Ticker;
import io.execmodels.csp.Timer;
import io.execmodels.csp.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code examples/src/main/go/timers/main.go} on {@code csp}: {@link Timer}, {@link Ticker} and
 * {@link Timers} where Go 1.19 and Go 1.23 agree. Where they differ, csp follows Go 1.23 (see
 * csp's README), which Go 1.19 cannot show; csp's own tests pin those rules.
 */
public final class TimersPort {
  private TimersPort() {}

  private static final Duration FIVE_MS = Duration.ofMillis(5);

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      List<String> out = new ArrayList<>();
      Timer t = Timers.newTimer(ctx, FIVE_MS);
      t.channel().receive();
      out.add("fired; Stop after the receive: " + t.stop());

      Timer pending = Timers.newTimer(ctx, Duration.ofHours(1));
      out.add("Stop of a pending timer: " + pending.stop());
      out.add("Stop again: " + pending.stop());

      Timer idiom = Timers.newTimer(ctx, Duration.ofMillis(1));
      ctx.sleep(Duration.ofMillis(20));
      if (!idiom.stop()) {
        idiom.channel().receive();
      }
      out.add("the Stop-then-drain idiom returned");

      Timer rearmed = Timers.newTimer(ctx, Duration.ofHours(1));
      rearmed.stop();
      rearmed.reset(ctx, FIVE_MS);
      rearmed.channel().receive();
      out.add("fired after Reset");

      Channel<String> done = ctx.channel(0);
      Timers.afterFunc(ctx, FIVE_MS, c -> done.send("AfterFunc ran"));
      out.add(done.receive());

      Ticker ticker = Timers.newTicker(ctx, Duration.ofMillis(2));
      int ticks = 0;
      while (ticks < 3) {
        ticker.channel().receive();
        ticks++;
      }
      ticker.stop();
      out.add("ticks: " + ticks);

      Channel<Integer> never = ctx.channel(0);
      out.add(ctx.<String>select()
          .onReceive(never, v -> "received")
          .onReceive(Timers.after(ctx, FIVE_MS), v -> "time.After won the select")
          .run());
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
