package io.execmodels.testkit.prop;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.DeadlockException;
import io.execmodels.core.LeakException;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seeded known-bug suite: small programs with classic concurrency bugs, written against core's
 * API. Each bug must be found within the default budget, shrunk to a schedule of at most ten
 * steps, and replayed from the printed line; each corrected program passes the same budget.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KnownBugsTest {

  private static final int MAX_TRACE = 10;

  /** Explores {@code buggy}, checks what it finds, replays it, and returns it. */
  private static Counterexample findsShrinksAndReplays(
      Property<?> buggy, Class<? extends Throwable> expected) {
    PropertyResult result = buggy.run();
    assertThat(result.passed()).as("the bug of '%s' was found", buggy.name()).isFalse();
    Counterexample c = result.counterexample().orElseThrow();
    System.out.println(c.report());
    assertThat(c.failure()).as(c.report()).isInstanceOf(expected);
    assertThat(c.trace().length()).as(c.report()).isLessThanOrEqualTo(MAX_TRACE);
    assertThat(c.deterministic()).as(c.report()).isTrue();

    PropertyResult replayed = buggy.replay(c.replayLine());
    Counterexample again = replayed.counterexample().orElseThrow(
        () -> new AssertionError("the replay line passed: " + c.replayLine()));
    assertThat(again.failure()).isInstanceOf(expected);
    assertThat(again.trace().hash()).as("replayed trace").isEqualTo(c.trace().hash());
    return c;
  }

  /** Explores {@code fixed} with the same default budget, and expects every example to pass. */
  private static void passesTheSameBudget(Property<?> fixed) {
    PropertyResult result = fixed.run();
    assertThat(result.passed())
        .as(result.counterexample().map(Counterexample::report).orElse("")).isTrue();
    assertThat(result.examples()).isEqualTo(1_000);
  }

  // ---------------------------------------------------------------------------------------------
  // 1. A lost update across an await

  /** Deposits one unit: reads the balance, awaits (a call elsewhere), writes it back. */
  private static void depositWithReadBeforeAwait(Ctx ctx, int[] balance) {
    int read = balance[0];
    ctx.sleep(Duration.ZERO);
    balance[0] = read + 1;
  }

  private static void depositWithReadAfterAwait(Ctx ctx, int[] balance) {
    ctx.sleep(Duration.ZERO);
    balance[0] = balance[0] + 1;
  }

  private static Property<Integer> deposits(
      String name, boolean buggy) {
    return Property.forAll(name, Gen.ints(1, 4), (ctx, others) -> {
      int[] balance = {0};
      List<Task<Object>> tasks = new ArrayList<>();
      for (int i = 0; i < others; i++) {
        tasks.add(ctx.spawn("depositor-" + i, c -> {
          if (buggy) {
            depositWithReadBeforeAwait(c, balance);
          } else {
            depositWithReadAfterAwait(c, balance);
          }
          return null;
        }));
      }
      ctx.awaitAll(tasks);
      assertThat(balance[0]).as("balance after %d deposits", others).isEqualTo(others);
    });
  }

  @Test
  void findsALostUpdateAcrossAnAwait() {
    Counterexample c =
        findsShrinksAndReplays(deposits("lost update", true), AssertionError.class);
    assertThat(c.input()).as("the fewest depositors that lose an update").isEqualTo(2);
  }

  @Test
  void theCorrectedDepositPasses() {
    passesTheSameBudget(deposits("no lost update", false));
  }

  // ---------------------------------------------------------------------------------------------
  // 2. A check-then-act race on a shared map

  /** A cache entry: its value, once its load has closed {@code loaded}. */
  private static final class Entry {
    final Channel<Object> loaded;
    String value;

    Entry(Channel<Object> loaded) {
      this.loaded = loaded;
    }
  }

  /** Loads each requested key once into a cache shared by the requesting tasks. */
  private static Property<List<String>> cache(String name, boolean buggy) {
    return Property.forAll(name, Gen.lists(Gen.oneOf("a", "b", "c"), 4), (ctx, keys) -> {
      Map<String, Entry> cache = new HashMap<>();
      Map<String, Integer> loads = new HashMap<>();
      List<Task<Object>> requests = new ArrayList<>();
      for (String key : keys) {
        requests.add(ctx.spawn("get-" + requests.size() + "-" + key, c -> {
          if (buggy) {
            if (!cache.containsKey(key)) {
              loads.merge(key, 1, Integer::sum);
              c.sleep(Duration.ofMillis(5)); // the load's I/O
              Entry loaded = new Entry(c.channel(0));
              loaded.value = key.toUpperCase(java.util.Locale.ROOT);
              cache.put(key, loaded);
            }
          } else {
            // The entry goes into the map before any suspension point: the check and the act
            // happen together. Later requests wait for the load to close the entry's channel.
            Entry entry = cache.get(key);
            if (entry == null) {
              entry = new Entry(c.channel(0));
              cache.put(key, entry);
              loads.merge(key, 1, Integer::sum);
              c.sleep(Duration.ofMillis(5));
              entry.value = key.toUpperCase(java.util.Locale.ROOT);
              entry.loaded.close();
            } else {
              for (Object never : entry.loaded) {
                throw new AssertionError("nothing is sent on a load's channel: " + never);
              }
            }
          }
          return null;
        }));
      }
      ctx.awaitAll(requests);
      assertThat(loads.values()).as("loads per key").allMatch(n -> n == 1);
    });
  }

  @Test
  void findsACheckThenActRaceOnASharedMap() {
    Counterexample c = findsShrinksAndReplays(cache("load once", true), AssertionError.class);
    assertThat(c.input()).as("the fewest requests that load twice").isEqualTo(List.of("a", "a"));
  }

  @Test
  void theCorrectedCachePasses() {
    passesTheSameBudget(cache("load once, fixed", false));
  }

  // ---------------------------------------------------------------------------------------------
  // 3. An unbuffered-channel deadlock that needs a specific order

  /**
   * A notifier hands an event to a listener over an unbuffered channel, then waits for its
   * acknowledgement. The buggy notifier offers the event without waiting (Go's {@code select}
   * with {@code default}): if the listener is not receiving yet, the event is dropped, and both
   * wait forever.
   */
  private static Property<Void> handshake(String name, boolean buggy) {
    return Property.of(name, (ctx, none) -> {
      Channel<String> events = ctx.channel(0);
      Channel<String> acks = ctx.channel(0);
      Task<Object> notifier = ctx.spawn("notifier", c -> {
        if (buggy) {
          c.<Boolean>select().onSend(events, "event", () -> true).onDefault(() -> false).run();
        } else {
          events.send("event");
        }
        return acks.receive();
      });
      Task<Object> listener = ctx.spawn("listener", c -> {
        String e = events.receive();
        acks.send("ack " + e);
        return null;
      });
      ctx.awaitAll(List.of(notifier, listener));
    });
  }

  @Test
  void findsAnUnbufferedChannelDeadlockThatNeedsASpecificOrder() {
    Counterexample c =
        findsShrinksAndReplays(handshake("handshake", true), DeadlockException.class);
    assertThat(((DeadlockException) c.failure()).waits())
        .anySatisfy(w -> assertThat(w).startsWith("task 'listener'").contains("receive on"))
        .anySatisfy(w -> assertThat(w).startsWith("task 'notifier'").contains("receive on"));
    assertThat(handshake("handshake", true).replay("handshake@0.0.1").passed())
        .as("the same program, with the listener receiving first, passes").isTrue();
  }

  @Test
  void theCorrectedHandshakePasses() {
    passesTheSameBudget(handshake("handshake, fixed", false));
  }

  // ---------------------------------------------------------------------------------------------
  // 4. A missing close that leaks a receiver

  /** Hands jobs to a worker that ranges over the jobs channel, and collects one result each. */
  private static Property<List<Integer>> workerPool(String name, boolean buggy) {
    return Property.forAll(name, Gen.lists(Gen.ints(0, 9), 3), (ctx, jobs) -> {
      Channel<Integer> work = ctx.channel(0);
      Channel<Integer> results = ctx.channel(jobs.size());
      Task<Object> worker = ctx.spawn("worker", c -> {
        for (int job : work) {
          results.send(job * job);
        }
        return null;
      });
      for (int job : jobs) {
        work.send(job);
      }
      int sum = 0;
      for (int i = 0; i < jobs.size(); i++) {
        sum += results.receive();
      }
      if (!buggy) {
        work.close();
        ctx.await(worker);
      }
      assertThat(sum).isEqualTo(jobs.stream().mapToInt(j -> j * j).sum());
    });
  }

  @Test
  void findsAMissingCloseThatLeaksAReceiver() {
    Counterexample c = findsShrinksAndReplays(workerPool("worker pool", true), LeakException.class);
    assertThat(((LeakException) c.failure()).leaks()).singleElement().asString()
        .startsWith("task 'worker'");
    assertThat(c.input()).as("the simplest input leaks too").isEqualTo(List.of());
  }

  @Test
  void theCorrectedWorkerPoolPasses() {
    passesTheSameBudget(workerPool("worker pool, fixed", false));
  }

  // ---------------------------------------------------------------------------------------------
  // 5. A timeout race that double-completes

  /** A reply completed once: by the worker's answer or by the timeout, whichever comes first. */
  private static final class Reply {
    private String value;

    boolean isDone() {
      return value != null;
    }

    void complete(String v) {
      if (value != null) {
        throw new IllegalStateException("reply completed twice: '" + value + "' then '" + v + "'");
      }
      value = v;
    }
  }

  private static Property<Integer> timeoutRace(String name, boolean buggy) {
    return Property.forAll(name, Gen.ints(0, 20), (ctx, workMillis) -> {
      Reply reply = new Reply();
      Task<Object> worker = ctx.spawn("worker", c -> {
        c.sleep(Duration.ofMillis(workMillis));
        if (!reply.isDone()) {
          if (buggy) {
            c.checkpoint(); // formatting the answer: a point where another task may run
          }
          reply.complete("answer");
        }
        return null;
      });
      Task<Object> timeout = ctx.spawn("timeout", c -> {
        c.sleep(Duration.ofMillis(10));
        if (!reply.isDone()) {
          reply.complete("timed out");
        }
        return null;
      });
      try {
        ctx.awaitAll(List.of(worker, timeout));
      } catch (CompletionException e) {
        throw (RuntimeException) e.getCause();
      }
      assertThat(reply.isDone()).isTrue();
    });
  }

  @Test
  void findsATimeoutRaceThatDoubleCompletes() {
    Counterexample c =
        findsShrinksAndReplays(timeoutRace("reply once", true), IllegalStateException.class);
    assertThat(c.input()).as("the worker finishes exactly at the timeout").isEqualTo(10);
    assertThat(c.failure()).hasMessageContaining("completed twice");
  }

  @Test
  void theCorrectedTimeoutRacePasses() {
    passesTheSameBudget(timeoutRace("reply once, fixed", false));
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aReplayLineGivenAsASystemPropertyRunsThatExample() {
    Property<Void> buggy = handshake("handshake by property", true);
    Counterexample c = buggy.run().counterexample().orElseThrow();
    System.setProperty("execmodels.sim.replay", c.replayLine());
    try {
      PropertyResult replayed = buggy.withSeed(12345).run();
      assertThat(replayed.examples()).as("one example, the replayed one").isEqualTo(1);
      assertThat(replayed.counterexample().orElseThrow().trace().hash())
          .isEqualTo(c.trace().hash());
      assertThat(handshake("another property", false).run().examples())
          .as("a property the line does not name explores as usual").isEqualTo(1_000);
    } finally {
      System.clearProperty("execmodels.sim.replay");
    }
  }
}
