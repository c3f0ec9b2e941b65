package io.execmodels.bench;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.csp.GoContext;
import io.execmodels.csp.WaitGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Context cancellation seen by 10,000 goroutines, each parked in a select on {@code ctx.done()}
 * and a channel that never fires: the time from {@code cancel()} until all have exited. Setting
 * up the goroutines is not timed, exactly as in {@code ../shared/anchors/go}'s {@code
 * h_ctx_cancel_10k_all_exited} ({@code bench/vs-go.sh} runs both).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Thread)
public class CancelFanOut {

  private static final int GOROUTINES = 10_000;

  /** The model's name. */
  @Param({"csp"})
  public String model;

  private ExecutionModel execution;
  private Task<Object> run;
  private Runnable cancel;
  private CountDownLatch exited;

  /** Opens a model and parks the goroutines; hands over the context's cancel function. */
  @Setup(Level.Invocation)
  public void parkGoroutines() throws Exception {
    execution = ExecutionModels.open(model);
    exited = new CountDownLatch(GOROUTINES);
    CompletableFuture<Runnable> cancelFn = new CompletableFuture<>();
    CountDownLatch allExited = exited;
    run = execution.spawn(ctx -> {
      var request = GoContext.withCancel(ctx, GoContext.background());
      Channel<Boolean> never = ctx.channel(0);
      WaitGroup started = new WaitGroup();
      WaitGroup done = new WaitGroup();
      started.add(GOROUTINES);
      done.add(GOROUTINES);
      for (int i = 0; i < GOROUTINES; i++) {
        ctx.go(c -> {
          started.done();
          c.<Boolean>select()
              .onReceive(request.context().done(), d -> true)
              .onReceive(never, v -> false)
              .run();
          allExited.countDown();
          done.done();
          return null;
        });
      }
      started.await(ctx);
      // Every goroutine has started; wait until each is parked in its select, as Go's anchor
      // sleeps 50 ms for the same purpose.
      while (execution.stats().parked() < GOROUTINES) {
        ctx.sleep(Duration.ofMillis(1));
      }
      cancelFn.complete(request.cancel());
      done.await(ctx);
      return null;
    });
    cancel = cancelFn.get(60, TimeUnit.SECONDS);
  }

  /** Cancels, and waits until every goroutine has exited. */
  @Benchmark
  public long cancelUntilAllExited() throws InterruptedException {
    cancel.run();
    exited.await();
    return exited.getCount();
  }

  @TearDown(Level.Invocation)
  public void close() throws Exception {
    run.get(60, TimeUnit.SECONDS);
    execution.close();
  }
}
