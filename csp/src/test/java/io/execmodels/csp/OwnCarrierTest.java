package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.Config;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Option {@code csp.carrier}: with {@code own}, every task of the model runs on one carrier thread
 * of its own, which the model's close ends; by default, on the JDK's carriers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OwnCarrierTest {

  private static final String CARRIER = "execmodels-csp-carrier";

  /** The carrier a virtual thread's {@code toString} names after its last '@'. */
  private static String carrierOf(Thread t) {
    String s = t.toString();
    return s.substring(s.lastIndexOf('@') + 1);
  }

  /** The carrier threads alive now (another test's model may still be ending its own). */
  private static Set<Thread> carriersAlive() {
    Set<Thread> alive = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(CARRIER) && t.isAlive()) {
        alive.add(t);
      }
    }
    return alive;
  }

  /**
   * Four tasks passing a token round a ring of unbuffered channels, with sleeps, each noting the
   * carrier it runs on after every receive; returns the last token.
   */
  private static int ring(Ctx ctx, Set<String> carriers) throws Exception {
    List<Channel<Integer>> links = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      links.add(ctx.channel(0));
    }
    List<Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Channel<Integer> in = links.get(i);
      Channel<Integer> out = links.get((i + 1) % 4);
      tasks.add(ctx.spawn(c -> {
        int token = -1;
        for (int round = 0; round < 5; round++) {
          token = in.receive();
          carriers.add(carrierOf(Thread.currentThread()));
          c.sleep(Duration.ofMillis(1));
          if (token < 19) {
            out.send(token + 1);
          }
        }
        return token;
      }));
    }
    links.get(0).send(0);
    return ctx.awaitAll(tasks).stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  @Test
  void withItsOwnCarrierEveryTaskRunsOnOneThreadThatCloseEnds() throws Exception {
    Set<String> carriers = ConcurrentHashMap.newKeySet();
    Set<Thread> before = carriersAlive();
    Set<Thread> mine;
    try (ExecutionModel model = ExecutionModels.open(
        Config.defaults().withModel("csp").withOption("csp.carrier", "own"))) {
      assertThat(model.traits().parallelism()).isEqualTo(1);
      assertThat((int) model.run(ctx -> ring(ctx, carriers))).isEqualTo(19);
      mine = carriersAlive();
      mine.removeAll(before);
      assertThat(mine).as("the model's carrier while it is open").hasSize(1);
    }
    assertThat(carriers).containsExactly(CARRIER);
    assertThat(mine).as("the model's carrier after close").noneMatch(Thread::isAlive);
  }

  /**
   * A task that spawns in a loop without waiting does not run ahead of everything it starts: every
   * 256 spawns it yields its carrier, which runs what it queued. On one carrier nothing else could
   * run them before the loop ends.
   */
  @Test
  void aTaskSpawningInALoopLetsWhatItStartedRunEvery256Spawns() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(
        Config.defaults().withModel("csp").withOption("csp.carrier", "own"))) {
      int ranDuringLoop = model.run(ctx -> {
        AtomicInteger ran = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        wg.add(1_000);
        for (int i = 0; i < 1_000; i++) {
          ctx.go(c -> {
            ran.incrementAndGet();
            wg.done();
            return null;
          });
        }
        int seen = ran.get();
        wg.await(ctx);
        return seen;
      });
      // At least the first 256 ran at the first yield; the last 232 were started after the last.
      assertThat(ranDuringLoop).isBetween(256, 999);
    }
  }

  @Test
  void byDefaultTheTasksRunOnTheJdksCarriers() throws Exception {
    Set<String> carriers = ConcurrentHashMap.newKeySet();
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      assertThat((int) model.run(ctx -> ring(ctx, carriers))).isEqualTo(19);
    }
    assertThat(carriers).isNotEmpty().allMatch(c -> c.startsWith("ForkJoinPool"));
  }

  @Test
  void anOwnCarrierWithParallelismAboveOneOrAnUnknownValueIsRefusedWithoutAThreadLeft() {
    Set<Thread> before = carriersAlive();
    assertThatThrownBy(() -> ExecutionModels.open(Config.defaults().withModel("csp")
        .withOption("csp.carrier", "own").withParallelism(2)))
        .hasStackTraceContaining("parallelism 2 asked, but csp.carrier=own runs every task on"
            + " one carrier thread");
    assertThatThrownBy(() -> ExecutionModels.open(Config.defaults().withModel("csp")
        .withOption("csp.carrier", "mine")))
        .hasStackTraceContaining("csp.carrier must be default or own, was 'mine'");
    assertThatThrownBy(() -> ExecutionModels.open(Config.defaults().withModel("csp")
        .withOption("csp.carrier", "own").withOption("csp.parkSpins", "-1")))
        .hasStackTraceContaining("csp.parkSpins must be a non-negative integer, was '-1'");
    assertThat(carriersAlive()).as("carrier threads after refused opens").isSubsetOf(before);
  }
}
