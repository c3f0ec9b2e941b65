package io.execmodels.gilsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.execmodels.core.Body;
import io.execmodels.core.Channel;
import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.UnhandledFailurePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenarios written against core's API alone, run on {@code gil-threads} and under the testkit's
 * {@code sim:gil-threads} profile with many seeds: the real model and its simulation must give
 * the same results and the same failure reports.
 */
class SimAgreementTest {
  private static final int SEEDS = 25;

  /** A scenario: its body, whose result (or failure, as text) the two models must agree on. */
  record Scenario(String name, Body<String> body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario("a producer and a consumer over a small channel, with CPU work", ctx -> {
          Channel<Integer> ch = ctx.channel(2);
          Task<Void> producer = ctx.spawn(c -> {
            try {
              for (int i = 1; i <= 50; i++) {
                for (int k = 0; k < 100; k++) {
                  c.checkpoint(); // the eval breaker, where the GIL may change hands
                }
                ch.send(i);
              }
            } finally {
              ch.close();
            }
            return null;
          });
          int sum = 0;
          for (int v : ch) {
            sum += v;
          }
          ctx.await(producer);
          return "sum " + sum;
        }),
        new Scenario("CPU-bound tasks fanned out, results in spawn order", ctx -> {
          List<Task<Long>> tasks = new ArrayList<>();
          for (int t = 0; t < 4; t++) {
            long seed = t;
            tasks.add(ctx.spawn(c -> {
              long x = seed;
              for (int i = 0; i < 10_000; i++) {
                x = x * 31 + i;
                if (i % 100 == 0) {
                  c.checkpoint();
                }
              }
              return x;
            }));
          }
          return ctx.awaitAll(tasks).toString();
        }),
        new Scenario("a counter under a channel used as a lock loses no update", ctx -> {
          Channel<Boolean> lock = ctx.channel(1);
          int[] counter = {0};
          List<Task<Void>> tasks = IntStream.range(0, 4).mapToObj(i -> ctx.<Void>spawn(c -> {
            for (int n = 0; n < 100; n++) {
              lock.send(true);
              int read = counter[0];
              c.checkpoint(); // a switch here loses updates without the lock
              counter[0] = read + 1;
              lock.receive();
            }
            return null;
          })).toList();
          ctx.awaitAll(tasks);
          return "counter " + counter[0];
        }),
        new Scenario("the first failure of awaited tasks is reported", ctx -> {
          Task<Integer> ok = ctx.spawn(c -> 1);
          Task<Integer> bad = ctx.spawn(c -> {
            c.checkpoint();
            throw new IllegalStateException("bad input 42");
          });
          return "ok " + ctx.await(ok) + ", then " + ctx.await(bad);
        }),
        new Scenario("a timeout ends a sleep, a cancelled task reports cancellation", ctx -> {
          String timedOut;
          try {
            ctx.withTimeout(Duration.ofMillis(5), c -> {
              c.sleep(Duration.ofSeconds(30));
              return null;
            });
            timedOut = "no timeout";
          } catch (Exception e) {
            timedOut = e.getClass().getSimpleName();
          }
          Task<Void> sleeper = ctx.spawn(c -> {
            c.sleep(Duration.ofSeconds(30));
            return null;
          });
          sleeper.cancel();
          String cancelled;
          try {
            ctx.await(sleeper);
            cancelled = "not cancelled";
          } catch (CancellationException e) {
            cancelled = "CancellationException";
          }
          return timedOut + ", " + cancelled;
        }),
        new Scenario("a detached task's failure ends the run", ctx -> {
          AtomicInteger reached = new AtomicInteger();
          ctx.go("worker", c -> {
            c.checkpoint();
            throw new IllegalArgumentException("detached boom");
          });
          ctx.sleep(Duration.ofSeconds(30));
          reached.incrementAndGet();
          return "slept through, " + reached.get();
        }));
  }

  private static String outcome(String model, Config config, Body<String> body) {
    return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (ExecutionModel m = ExecutionModels.open(config.withModel(model)
          .withUnhandledFailurePolicy(UnhandledFailurePolicy.FAIL_RUN))) {
        return m.run(body);
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        return "failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
      } catch (Exception e) {
        Throwable cause = e.getCause();
        return "threw " + e.getClass().getSimpleName()
            + (cause != null ? " caused by " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() : ": " + e.getMessage());
      }
    });
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void theRealModelAndItsSimulationAgree(Scenario scenario) {
    String real = outcome(GilThreadsModelProvider.NAME, Config.defaults(), scenario.body());
    Map<String, Integer> simulated = new java.util.TreeMap<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      simulated.merge(outcome("sim:gil-threads",
          Config.defaults().withOption("sim.seed", Integer.toString(seed)), scenario.body()), 1,
          Integer::sum);
    }
    assertThat(simulated).as("outcomes over %d seeds of sim:gil-threads", SEEDS)
        .containsOnlyKeys(real);
  }
}
