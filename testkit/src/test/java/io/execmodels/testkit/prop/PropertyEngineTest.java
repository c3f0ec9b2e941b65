package io.execmodels.testkit.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.DeadlockException;
import io.execmodels.core.Task;
import io.execmodels.testkit.sim.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The property engine: generation, shrinking, budgets, seeds and reports. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PropertyEngineTest {

  private static Counterexample counterexample(Property<?> p) {
    return p.run().counterexample().orElseThrow(() -> new AssertionError(p.name() + " passed"));
  }

  @Test
  void shrinksAListToTheOneSmallestFailingElement() {
    Counterexample c = counterexample(Property.forAll("no big element",
        Gen.lists(Gen.ints(0, 1_000), 20),
        (ctx, list) -> assertThat(list).allMatch(x -> x < 500)));
    assertThat(c.input()).isEqualTo(List.of(500));
  }

  @Test
  void shrinksAnIntToTheBoundaryAndAStringToItsSimplestFailingForm() {
    assertThat(counterexample(Property.forAll("small", Gen.ints(-50, 50),
        (ctx, n) -> assertThat(n).isLessThan(37))).input()).isEqualTo(37);
    assertThat(counterexample(Property.forAll("no q", Gen.strings(12),
        (ctx, s) -> assertThat(s).doesNotContain("q"))).input()).isEqualTo("q");
  }

  @Test
  void shrinksAWorkloadOfOperationsToTheFewestThatFail() {
    Gen<String> op = Gen.anyOf(Gen.ints(0, 9).map(k -> "put " + k),
        Gen.ints(0, 9).map(k -> "get " + k), Gen.constant("clear"));
    Counterexample c = counterexample(Property.forAll("a get after two puts",
        Gen.lists(op, 12), (ctx, ops) -> {
          long puts = ops.stream().filter(o -> o.startsWith("put")).count();
          assertThat(puts > 1 && ops.stream().anyMatch(o -> o.startsWith("get"))).isFalse();
        }));
    List<Object> ops = new ArrayList<>((List<?>) c.input());
    assertThat(ops).containsExactlyInAnyOrder("put 0", "put 0", "get 0");
  }

  @Test
  void aPassingPropertyRunsItsWholeBudget() {
    PropertyResult r = Property.forAll("sums", Gen.lists(Gen.ints(0, 9), 5),
        (ctx, list) -> assertThat(list.stream().mapToInt(i -> i).sum()).isBetween(0, 45))
        .withMaxExamples(300).run();
    assertThat(r.passed()).isTrue();
    assertThat(r.examples()).isEqualTo(300);
  }

  @Test
  void theSameSeedFindsTheSameCounterexample() {
    Property<Integer> p = Property.forAll("rare", Gen.ints(0, 1_000),
        (ctx, n) -> assertThat(n % 97).isNotZero()).withSeed(99);
    Counterexample a = counterexample(p);
    Counterexample b = counterexample(p);
    assertThat(a.example()).isEqualTo(b.example());
    assertThat(a.replayLine()).isEqualTo(b.replayLine());
  }

  /** Two tasks increment a shared counter with a checkpoint between read and write. */
  private static Property<Void> checkpointRace() {
    return Property.of("increment across a checkpoint", (ctx, none) -> {
      int[] counter = {0};
      List<Task<Object>> tasks = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        tasks.add(ctx.spawn(c -> {
          int read = counter[0];
          c.checkpoint();
          counter[0] = read + 1;
          return null;
        }));
      }
      ctx.awaitAll(tasks);
      assertThat(counter[0]).isEqualTo(2);
    });
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void onlyProfilesThatPreemptAtCheckpointsSwitchThere(Profile profile) {
    PropertyResult r = checkpointRace().withProfile(profile).withMaxExamples(300).run();
    assertThat(r.passed()).as(profile + ": " + r.counterexample().map(Counterexample::report))
        .isEqualTo(!profile.switchesAtCheckpoints());
  }

  @Test
  void pctFindsTheSameBugWithFewerSwitches() {
    Counterexample c = counterexample(checkpointRace().withPct(2));
    assertThat(c.schedule()).isEqualTo("PCT depth 2");
    assertThat(c.trace().contextSwitches()).isLessThanOrEqualTo(4);
  }

  @Test
  void posIsTheDefaultSearchAndEverySearchShrinksAndReplaysAsAWalk() {
    Counterexample pos = counterexample(checkpointRace());
    assertThat(pos.schedule()).isEqualTo("POS");
    for (Property<Void> p : List.of(checkpointRace(), checkpointRace().withPct(2),
        checkpointRace().withRandomWalk())) {
      Counterexample c = counterexample(p);
      assertThat(c.deterministic()).as(c.report()).isTrue();
      // The replay line is in the walk's encoding whatever found it: replayed as a random walk,
      // it fails again with the same trace.
      Counterexample again = p.withRandomWalk().replay(c.replayLine()).counterexample()
          .orElseThrow();
      assertThat(again.trace().hash()).isEqualTo(c.trace().hash());
      assertThat(c.trace().contextSwitches()).as(c.report()).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void checkFailsWithTheReportAndTheRunsFailureAsCause() {
    assertThatThrownBy(() -> checkpointRace().check())
        .isInstanceOf(PropertyFailedError.class)
        .hasMessageContaining("Property 'increment across a checkpoint' failed on sim")
        .hasMessageContaining("schedule (")
        .hasMessageContaining("replay:  -Dexecmodels.sim.replay='increment across a checkpoint@")
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void aRealModelRunsTheExamplesAndShrinksTheInput() {
    Counterexample c = counterexample(Property.forAll("small on turns", Gen.ints(0, 100),
        (ctx, n) -> {
          int doubled = ctx.await(ctx.spawn(t -> n * 2));
          assertThat(doubled).isLessThan(60);
        }).onModel("turns"));
    assertThat(c.model()).isEqualTo("turns");
    assertThat(c.input()).isEqualTo(30);
    assertThat(c.trace()).isNull();
    assertThat(c.report()).as("says the schedule cannot be replayed")
        .contains("schedule: the model's own, not recorded: the replay line gives the input only");
  }

  /** State outside the simulation that a run reads: what makes runs differ. */
  private static final AtomicLong OUTSIDE = new AtomicLong();

  @Test
  void aRunSteeredFromOutsideTheSimulationIsReportedAsNonDeterministic() {
    Counterexample c = counterexample(Property.of("steered by a counter outside", (ctx, none) -> {
      if (OUTSIDE.incrementAndGet() % 2 == 0) {
        ctx.checkpoint(); // one run in two takes a step the other does not
      }
      throw new IllegalStateException("always fails");
    }));
    assertThat(c.deterministic()).isFalse();
    assertThat(c.report()).contains("NON-DETERMINISTIC");
  }

  @Test
  void aDeterministicRunIsReportedAsSuch() {
    Counterexample c = counterexample(checkpointRace());
    assertThat(c.deterministic()).isTrue();
    assertThat(c.report()).contains(", the same on replay");
  }

  /** A record of two fields for {@link #zipShrinksEveryFieldOfARecordToItsBoundary()}. */
  record Transfer(int amount, String account) {}

  @Test
  void zipShrinksEveryFieldOfARecordToItsBoundary() {
    Counterexample c = counterexample(Property.forAll("small transfers to short accounts",
        Gen.zip(Gen.ints(0, 1_000), Gen.strings(6), Transfer::new),
        (ctx, t) -> assertThat(t.amount() >= 300 && t.account().length() >= 2).isFalse()));
    assertThat(c.input()).isEqualTo(new Transfer(300, "aa"));
    Counterexample three = counterexample(Property.forAll("sum of three",
        Gen.zip(Gen.ints(0, 9), Gen.ints(0, 9), Gen.ints(0, 9), (a, b, d) -> List.of(a, b, d)),
        (ctx, l) -> assertThat(l.get(0) + l.get(1) + l.get(2)).isLessThan(5)));
    assertThat(three.input()).isEqualTo(List.of(0, 0, 5));
  }

  @Test
  void frequencyDrawsEachGeneratorInProportionToItsWeightAndShrinksToTheFirst() {
    Gen<String> g = Gen.frequency(Map.entry(9, Gen.constant("read")),
        Map.entry(1, Gen.constant("write")));
    SplittableRandom random = new SplittableRandom(7);
    int reads = 0;
    for (int i = 0; i < 10_000; i++) {
      if (g.next(bound -> random.nextLong(bound)).equals("read")) {
        reads++;
      }
    }
    // 9 in 10 expected; a binomial's standard deviation here is 30, so this band is 10 of them.
    assertThat(reads).isBetween(8_700, 9_300);
    assertThat(g.next(bound -> 0)).as("all-zero choices").isEqualTo("read");
    assertThatThrownBy(() -> Gen.frequency(Map.entry(0, Gen.constant(1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  @Test
  void shrinksALockOrderDeadlockToTheSameOneDecisionScheduleFromEverySeed() {
    Set<String> minimal = new HashSet<>();
    for (long seed = 1; seed <= 8; seed++) {
      Counterexample c = counterexample(Property.forAll("lock order", Gen.constant(0),
          (ctx, unused) -> {
            Channel<Boolean> lockA = ctx.channel(1, "lock A");
            Channel<Boolean> lockB = ctx.channel(1, "lock B");
            Task<Void> ab = ctx.spawn("A to B", c2 -> {
              lockA.send(true);
              lockB.send(true);
              lockB.receive();
              lockA.receive();
              return null;
            });
            Task<Void> ba = ctx.spawn("B to A", c2 -> {
              lockB.send(true);
              lockA.send(true);
              lockA.receive();
              lockB.receive();
              return null;
            });
            ctx.awaitAll(List.of(ab, ba));
          }).withSeed(seed));
      assertThat(c.failure()).isInstanceOf(DeadlockException.class);
      // One decision away from "keep running" is all a lock-order deadlock needs: the first
      // task switches to the second between its two locks. A send that does not wait is a
      // scheduling point under the sim profile, so the locks need no checkpoint between them.
      assertThat(Arrays.stream(c.choices()).filter(v -> v != 0).count())
          .as("decisions that switch away, seed %d:%n%s", seed, c.report()).isEqualTo(1);
      minimal.add(Arrays.toString(c.choices()));
    }
    assertThat(minimal).as("the shrunk schedules of eight seeds").hasSize(1);
  }

  @Test
  void badSettingsFailClearly() {
    assertThatThrownBy(() -> Property.of("a@b", (ctx, v) -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'@'");
    assertThatThrownBy(() -> Property.of("p", (ctx, v) -> { }).withMaxExamples(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max examples");
    assertThatThrownBy(() -> Property.of("p", (ctx, v) -> { }).replay("q@1.2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not for property");
    assertThatThrownBy(() -> Property.of("p", (ctx, v) -> { }).replay("p@1.x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numbers");
    assertThatThrownBy(() -> Gen.ints(3, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Per-sender FIFO over a channel: true on every model, so one test per available model. */
  @TestFactory
  Stream<DynamicTest> aChannelKeepsEachSendersOrderOnEveryModel() {
    return PropertyTests.onEveryModel(Property.forAll("per-sender FIFO",
        Gen.ints(0, 3).flatMap(cap -> Gen.lists(Gen.ints(1, 3), 3).map(s -> List.of(cap, s))),
        (ctx, in) -> {
          int capacity = (Integer) in.get(0);
          @SuppressWarnings("unchecked")
          List<Integer> counts = (List<Integer>) in.get(1);
          Channel<int[]> ch = ctx.channel(capacity);
          List<Task<Object>> senders = new ArrayList<>();
          for (int s = 0; s < counts.size(); s++) {
            int sender = s;
            senders.add(ctx.spawn(c -> {
              for (int i = 0; i < counts.get(sender); i++) {
                ch.send(new int[] {sender, i});
              }
              return null;
            }));
          }
          int total = counts.stream().mapToInt(i -> i).sum();
          int[] next = new int[counts.size()];
          for (int i = 0; i < total; i++) {
            int[] v = ch.receive();
            assertThat(v[1]).as("sender %d's next value", v[0]).isEqualTo(next[v[0]]++);
          }
          ctx.awaitAll(senders);
        }).withMaxExamples(100));
  }
}
