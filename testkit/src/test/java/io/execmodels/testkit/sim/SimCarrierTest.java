package io.execmodels.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Channel;
import io.execmodels.core.Config;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.spi.OneCarrier;
import io.execmodels.testkit.prop.Gen;
import io.execmodels.testkit.prop.Property;
import io.execmodels.testkit.prop.PropertyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where a simulation's tasks run: the JDK's scheduler, a carrier of the model's own, or one carrier
 * shared by every simulation of a property's exploration; and that a schedule gives the same run
 * on each.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SimCarrierTest {

  /** The carrier a virtual thread's {@code toString} names after its last '@'. */
  static String carrierOf(Thread t) {
    String s = t.toString();
    return s.substring(s.lastIndexOf('@') + 1);
  }

  private static boolean aliveCarrier() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("sim-carrier") && t.isAlive());
  }

  /** Four tasks passing a token round a ring of unbuffered channels, with sleeps: many switches. */
  private static int ring(Ctx ctx, Set<String> carriers) throws Exception {
    List<Channel<Integer>> links = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      links.add(ctx.channel(0));
    }
    List<Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Channel<Integer> in = links.get(i);
      Channel<Integer> out = links.get((i + 1) % 4);
      tasks.add(ctx.spawn(c -> {
        for (int round = 0; round < 5; round++) {
          int token = in.receive();
          carriers.add(carrierOf(Thread.currentThread()));
          c.sleep(Duration.ofMillis(1));
          if (token < 19) {
            out.send(token + 1);
          }
        }
        return null;
      }));
    }
    links.get(0).send(0);
    ctx.awaitAll(tasks);
    return (int) ctx.now();
  }

  @Test
  void onItsOwnCarrierEveryTaskRunsOnOneThreadThatCloseEnds() throws Exception {
    Set<String> carriers = ConcurrentHashMap.newKeySet();
    try (ExecutionModel model = ExecutionModels.open(Config.defaults().withModel("sim")
        .withOption("sim.carrier", "own"))) {
      model.run(ctx -> ring(ctx, carriers));
      assertThat(aliveCarrier()).as("the carrier while the model is open").isTrue();
    }
    assertThat(carriers).containsExactly("sim-carrier");
    assertThat(aliveCarrier()).as("a carrier thread alive after close").isFalse();
  }

  @Test
  void byDefaultTheTasksRunOnTheJdksScheduler() throws Exception {
    Set<String> carriers = ConcurrentHashMap.newKeySet();
    try (ExecutionModel model = ExecutionModels.open("sim")) {
      model.run(ctx -> ring(ctx, carriers));
    }
    assertThat(carriers).isNotEmpty().allMatch(c -> c.startsWith("ForkJoinPool"));
  }

  @Test
  void aScheduleGivesTheSameRunOnASharedCarrierAsOnTheJdksScheduler() throws Exception {
    OneCarrier carrier = new OneCarrier("sim-carrier");
    try {
      for (long seed = 0; seed < 20; seed++) {
        long s = seed;
        SimOptions options = SimOptions.defaults().withSchedule(() -> Schedule.random(s))
            .withClosedWorld(true);
        long onDefault;
        long onCarrier;
        try (SimModel model = SimModel.open(options)) {
          model.run(ctx -> ring(ctx, ConcurrentHashMap.newKeySet()));
          onDefault = model.trace().hash();
        }
        try (SimModel model = SimModel.open(options.withCarrier(carrier))) {
          model.run(ctx -> ring(ctx, ConcurrentHashMap.newKeySet()));
          onCarrier = model.trace().hash();
        }
        assertThat(onCarrier).as("trace hash of seed %d", seed).isEqualTo(onDefault);
      }
    } finally {
      carrier.close();
      carrier.thread().join();
    }
  }

  @Test
  void aPropertysSimulationsShareOneCarrierThatEndsWithTheExploration() {
    Set<String> carriers = ConcurrentHashMap.newKeySet();
    PropertyResult passing = Property.forAll("ring", Gen.ints(0, 3),
        (ctx, n) -> ring(ctx, carriers)).withMaxExamples(30).run();
    assertThat(passing.counterexample()).isEmpty();
    assertThat(carriers).containsExactly("sim-carrier");
    assertThat(aliveCarrier()).as("a carrier thread alive after the exploration").isFalse();

    // A failing one shrinks on the same carrier, and its replay fails again the same way.
    PropertyResult failing = Property.forAll("late token", Gen.ints(0, 3), (ctx, n) -> {
      assertThat(ring(ctx, carriers)).isLessThan(1_000_000 * (17 + n));
    }).withMaxExamples(30).run();
    assertThat(failing.counterexample()).isPresent();
    assertThat(failing.counterexample().get().deterministic()).isTrue();
    assertThat(carriers).containsExactly("sim-carrier");
    assertThat(aliveCarrier()).as("a carrier thread alive after the shrinking").isFalse();
  }

  @Test
  void aJvmThatDoesNotOpenJavaLangExploresOnTheJdksSchedulerAndRefusesAnOwnCarrier()
      throws Exception {
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SimCarrierProbe.class.getName())
        .redirectErrorStream(true)
        .start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("the probe JVM ended; it printed:%n%s", out).isTrue();
    assertThat(out.lines()).as("the probe's lines").contains("carriers [default]",
        "examples 20, passed",
        "own carrier refused: sim.carrier=own needs carrier control, which this JVM does not"
            + " allow: add --add-opens java.base/java.lang=ALL-UNNAMED");
  }
}
