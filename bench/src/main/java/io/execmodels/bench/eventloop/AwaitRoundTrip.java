package io.execmodels.bench.eventloop;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Direct-style tasks on the {@code eventloop} model, where a suspension gives the loop's turn back
 * and a resume borrows it again. One operation = one await that suspends.
 *
 * <ul>
 *   <li>{@code awaitHandOff}: two tasks ping-pong over unbuffered channels; each receive suspends
 *       and is resumed by the other task's send (a microtask), so one operation is one suspension
 *       and one resume: Node's {@code await} of a promise another callback resolves;
 *   <li>{@code awaitDoneTask}: awaiting a task already done, which does not suspend (Node's {@code
 *       await} of a settled promise still takes a microtask hop);
 *   <li>{@code sleepZero}: {@code ctx.sleep(0)}, a suspension resumed by the timers phase: one
 *       loop turn per operation.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AwaitRoundTrip {
  private static final int N = 20_000;

  private ExecutionModel model;

  @Setup(Level.Trial)
  public void open() {
    model = ExecutionModels.open("eventloop");
  }

  @TearDown(Level.Trial)
  public void close() {
    model.close();
  }

  @Benchmark
  @OperationsPerInvocation(2 * N)
  public int awaitHandOff() throws Exception {
    return model.run(ctx -> {
      Channel<Integer> ping = ctx.channel(0);
      Channel<Integer> pong = ctx.channel(0);
      ctx.spawn(c -> {
        for (int i = 0; i < N; i++) {
          pong.send(ping.receive());
        }
        return null;
      });
      int sum = 0;
      for (int i = 0; i < N; i++) {
        ping.send(i);
        sum += pong.receive();
      }
      return sum;
    });
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int awaitDoneTask() throws Exception {
    return model.run(ctx -> {
      Task<Integer> done = ctx.spawn(c -> 1);
      ctx.await(done);
      int sum = 0;
      for (int i = 0; i < N; i++) {
        sum += ctx.await(done);
      }
      return sum;
    });
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int sleepZero() throws Exception {
    return model.run(ctx -> {
      for (int i = 0; i < N; i++) {
        ctx.sleep(Duration.ZERO);
      }
      return N;
    });
  }
}
