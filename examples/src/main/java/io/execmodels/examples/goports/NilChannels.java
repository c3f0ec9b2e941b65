package io.execmodels.examples.goports;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.csp.Chans;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code examples/src/main/go/nilchan/main.go} on {@code csp}: {@code len} and {@code cap} of
 * channels with {@link Chans}, a {@code null} channel being Go's nil channel (0 and 0), and a
 * select whose only channel is nil.
 */
public final class NilChannels {
  private NilChannels() {}

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      List<String> out = new ArrayList<>();
      Channel<Integer> nilCh = null;
      out.add("nil channel: len " + Chans.len(nilCh) + " cap " + Chans.cap(nilCh));

      ReceiveChannel<Integer> recvOnly = null;
      out.add("nil receive-only channel: len " + Chans.len(recvOnly) + " cap "
          + Chans.cap(recvOnly));

      Channel<Integer> ch = ctx.channel(3);
      ch.send(1);
      ch.send(2);
      out.add("buffered channel: len " + Chans.len(ch) + " cap " + Chans.cap(ch));

      Channel<Integer> unbuffered = ctx.channel(0);
      out.add("unbuffered channel: len " + Chans.len(unbuffered) + " cap "
          + Chans.cap(unbuffered));

      out.add(ctx.<String>select()
          .onReceive(nilCh, v -> "received " + v)
          .onDefault(() -> "a nil channel is never ready: default")
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
