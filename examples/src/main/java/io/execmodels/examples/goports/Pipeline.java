package io.execmodels.examples.goports;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.csp.WaitGroup;
import java.util.List;

/**
 * {@code examples/src/main/go/pipeline/main.go} on {@code csp}: gen emits 1..1000, three sq
 * workers square them (fan-out), merge brings their outputs together (fan-in), and the main task
 * sums what arrives. Every stage closes its output when done, so each loop over a channel ends.
 */
public final class Pipeline {
  private Pipeline() {}

  static ReceiveChannel<Integer> gen(Ctx ctx, int... nums) {
    Channel<Integer> out = ctx.channel(0);
    ctx.go(c -> {
      for (int n : nums) {
        out.send(n);
      }
      out.close();
      return null;
    });
    return out;
  }

  static ReceiveChannel<Integer> sq(Ctx ctx, ReceiveChannel<Integer> in) {
    Channel<Integer> out = ctx.channel(0);
    ctx.go(c -> {
      for (int n : in) {
        out.send(n * n);
      }
      out.close();
      return null;
    });
    return out;
  }

  @SafeVarargs
  static ReceiveChannel<Integer> merge(Ctx ctx, ReceiveChannel<Integer>... cs) {
    WaitGroup wg = new WaitGroup();
    Channel<Integer> out = ctx.channel(0);
    wg.add(cs.length);
    for (ReceiveChannel<Integer> c : cs) {
      ctx.go(g -> {
        for (int n : c) {
          out.send(n);
        }
        wg.done();
        return null;
      });
    }
    ctx.go(g -> {
      wg.await(g);
      out.close();
      return null;
    });
    return out;
  }

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      int[] nums = new int[1000];
      for (int i = 0; i < nums.length; i++) {
        nums[i] = i + 1;
      }
      ReceiveChannel<Integer> in = gen(ctx, nums);
      ReceiveChannel<Integer> c1 = sq(ctx, in);
      ReceiveChannel<Integer> c2 = sq(ctx, in);
      ReceiveChannel<Integer> c3 = sq(ctx, in);
      long sum = 0;
      int count = 0;
      for (int n : merge(ctx, c1, c2, c3)) {
        sum += n;
        count++;
      }
      return List.of(String.format("received %d squares, sum %d", count, sum));
    });
  }

  /** Runs it on {@code csp} and prints what Go's prints. */
  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      output(model).forEach(System.out::println);
    }
  }
}
