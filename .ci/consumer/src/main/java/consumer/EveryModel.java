package consumer;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Job;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What CI runs from the installed artifacts, on the class path and on the module path: one service
 * (an I/O fan-out, a channel pipeline, a CPU job) on every model found, each of which must give the
 * same answer. Prints one line per model, then a verdict; exits 1 if any model differs or fails.
 */
public final class EveryModel {
  private EveryModel() {}

  /** 0+10+20 from the fan-out, 1+...+5 from the pipeline, and the sum of squares to 100. */
  static final long EXPECTED = 30 + 15 + 338_350;

  /** The CPU step: a job that crosses to a child JVM on process-pool and cluster: a record. */
  record SumOfSquares(int n) implements Job<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long compute() {
      long s = 0;
      for (long i = 1; i <= n; i++) {
        s += i * i;
      }
      return s;
    }
  }

  static long service(Ctx ctx) throws Exception {
    List<Task<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int upstream = i;
      calls.add(ctx.spawn("upstream-" + i, c -> {
        c.sleep(Duration.ofMillis(2));
        return upstream * 10;
      }));
    }
    long total = 0;
    for (int v : ctx.awaitAll(calls)) {
      total += v;
    }
    Channel<Integer> numbers = ctx.channel(2);
    Task<Void> producer = ctx.spawn("producer", c -> {
      try {
        for (int i = 1; i <= 5; i++) {
          numbers.send(i);
        }
      } finally {
        numbers.close();
      }
      return null;
    });
    for (int v : numbers) {
      total += v;
    }
    ctx.await(producer);
    return total + ctx.compute(new SumOfSquares(100));
  }

  public static void main(String[] args) {
    String where = EveryModel.class.getModule().isNamed() ? "module path" : "class path";
    boolean ok = true;
    List<String> models = ExecutionModels.available();
    for (String name : models) {
      try (ExecutionModel model = ExecutionModels.open(name)) {
        long got = model.run(EveryModel::service);
        System.out.println(name + ": " + got);
        ok &= got == EXPECTED;
      } catch (Exception e) {
        System.out.println(name + ": FAILED " + e);
        ok = false;
      }
    }
    try {
      Class.forName("org.junit.jupiter.api.Test");
      System.out.println("JUnit is on the " + where + ": the testkit must not bring it");
      ok = false;
    } catch (ClassNotFoundException expected) {
      System.out.println("no test framework on the " + where);
    }
    System.out.println((ok ? "every model agreed" : "MODELS DISAGREED") + " on the " + where
        + " (" + models.size() + " models)");
    System.exit(ok ? 0 : 1);
  }
}
