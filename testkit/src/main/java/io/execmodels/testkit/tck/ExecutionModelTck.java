package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.common.util.concurrent.MoreExecutors;
import io.execmodels.core.Channel;
import io.execmodels.core.ChannelClosedException;
import io.execmodels.core.Config;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.LeakException;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.Received;
import io.execmodels.core.SendChannel;
import io.execmodels.core.Stats;
import io.execmodels.core.Task;
import io.execmodels.core.TimeoutCancellationException;
import io.execmodels.core.UnhandledFailureException;
import io.execmodels.core.UnhandledFailurePolicy;
import io.execmodels.core.UnknownModelException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules every model keeps, as tests. A model's module subclasses this with its model's name;
 * each test is named for the rule it checks, and would fail on an implementation that broke it.
 *
 * <p>The rules use only what core promises on every model: tasks touch concurrency only through
 * their {@link Ctx}, and never block a thread with a JDK primitive (the test's own thread, outside
 * the model, may). Randomised rules print their {@link Seed} and rerun from it. Every rule is
 * bounded in time, so a broken model fails instead of hanging.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ExecutionModelTck {

  private final List<ExecutionModel> opened = new CopyOnWriteArrayList<>();

  /** For a model's subclass, which JUnit instantiates per rule. */
  protected ExecutionModelTck() {}

  /** The name the model under test is registered by. */
  protected abstract String modelName();

  /** The configuration rules open the model with; override to add model options. */
  protected Config config() {
    return Config.defaults().withModel(modelName()).withShutdownGrace(Duration.ofSeconds(5));
  }

  /** Opens a fresh model for one rule; it is shut down after the rule whatever happens. */
  protected final ExecutionModel open(Config config) {
    ExecutionModel model = ExecutionModels.open(config);
    opened.add(model);
    return model;
  }

  /** Opens a fresh model with {@link #config()}. */
  protected final ExecutionModel open() {
    return open(config());
  }

  @AfterEach
  void shutDownWhatTheRuleOpened() {
    for (ExecutionModel model : opened) {
      try {
        model.shutdownNow();
      } catch (RuntimeException alreadyReported) {
        // The rule asserted on what close reported; here only the threads matter.
      }
    }
  }

  /** A failure a rule throws on purpose, to tell it apart from any other. */
  protected static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure labelled {@code label}. */
    public Boom(String label) {
      super(label);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Discovery

  @Test
  void modelIsAvailableByName() {
    assertThat(ExecutionModels.available()).contains(modelName());
    try (ExecutionModel model = open()) {
      assertThat(model.name()).isEqualTo(modelName());
      assertThat(model.traits().parallelism()).isPositive();
    }
  }

  @Test
  void openingAnUnknownModelFailsNamingTheKnownOnes() {
    assertThatThrownBy(() -> ExecutionModels.open("no-such-model"))
        .isInstanceOfSatisfying(UnknownModelException.class,
            e -> assertThat(e.known()).contains(modelName()))
        .hasMessageContaining("no-such-model")
        .hasMessageContaining(modelName());
  }

  // ---------------------------------------------------------------------------------------------
  // Task life cycle

  private enum Outcome { SUCCEED, FAIL, CANCEL }

  @Test
  void everySpawnedTaskCompletesFailsOrIsCancelledExactlyOnce() throws Exception {
    Seed seed = Seed.next("everySpawnedTaskCompletesFailsOrIsCancelledExactlyOnce");
    SplittableRandom random = seed.random();
    int n = 50 + random.nextInt(150);
    Outcome[] outcomes = new Outcome[n];
    for (int i = 0; i < n; i++) {
      outcomes[i] = Outcome.values()[random.nextInt(3)];
    }
    AtomicIntegerArray completions = new AtomicIntegerArray(n);
    ExecutionModel model = open();
    List<Object> observed = model.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        Task<Integer> t = ctx.spawn(c -> switch (outcomes[id]) {
          case SUCCEED -> id;
          case FAIL -> throw new Boom("task " + id);
          case CANCEL -> never.receive();
        });
        t.addListener(() -> completions.incrementAndGet(id), MoreExecutors.directExecutor());
        tasks.add(t);
      }
      for (int i = 0; i < n; i++) {
        if (outcomes[i] == Outcome.CANCEL) {
          tasks.get(i).cancel();
        }
      }
      List<Object> seen = new ArrayList<>();
      for (Task<Integer> t : tasks) {
        try {
          seen.add(ctx.await(t));
        } catch (CompletionException e) {
          seen.add(e.getCause());
        } catch (CancellationException e) {
          seen.add(Outcome.CANCEL);
        }
      }
      return seen;
    });
    model.close();

    for (int i = 0; i < n; i++) {
      assertThat(completions.get(i)).as("completions of task %d, %s", i, seed).isEqualTo(1);
      switch (outcomes[i]) {
        case SUCCEED -> assertThat(observed.get(i)).as("task %d, %s", i, seed).isEqualTo(i);
        case FAIL -> assertThat(observed.get(i)).as("task %d, %s", i, seed)
            .isInstanceOf(Boom.class).hasToString(new Boom("task " + i).toString());
        case CANCEL -> assertThat(observed.get(i)).as("task %d, %s", i, seed).isEqualTo(Outcome.CANCEL);
      }
    }
    Stats stats = model.stats();
    long succeeded = count(outcomes, Outcome.SUCCEED) + 1;
    assertThat(stats.spawned()).as("spawned, %s", seed).isEqualTo(n + 1);
    assertThat(stats.succeeded()).as("succeeded (with the run's own task), %s", seed)
        .isEqualTo(succeeded);
    assertThat(stats.failed()).as("failed, %s", seed).isEqualTo(count(outcomes, Outcome.FAIL));
    assertThat(stats.cancelled()).as("cancelled, %s", seed)
        .isEqualTo(count(outcomes, Outcome.CANCEL));
    assertThat(stats.running()).as("running after close, %s", seed).isZero();
  }

  private static long count(Outcome[] outcomes, Outcome o) {
    return java.util.Arrays.stream(outcomes).filter(x -> x == o).count();
  }

  @Test
  void closeLeavesNoTaskRunningAndNoThreadOfTheModelAlive() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    ExecutionModel model = open(config().withShutdownGrace(Duration.ofMillis(200)));
    Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
    int blocked = 20;
    CountDownLatch started = new CountDownLatch(2 * blocked);
    for (int i = 0; i < blocked; i++) {
      model.spawn(ctx -> {
        taskThreads.add(Thread.currentThread());
        Channel<Integer> never = ctx.channel(0);
        started.countDown();
        return never.receive();
      });
      model.spawn(ctx -> {
        taskThreads.add(Thread.currentThread());
        started.countDown();
        ctx.sleep(Duration.ofHours(1));
        return null;
      });
    }
    model.run(ctx -> ctx.await(ctx.spawn(c -> taskThreads.add(Thread.currentThread()))));
    assertThat(started.await(30, TimeUnit.SECONDS)).as("tasks started").isTrue();

    model.close();

    assertThat(model.isClosed()).isTrue();
    assertThat(model.stats().running()).as("tasks still running").isZero();
    // Once close() returns, the model's threads have done all their work; each may still be
    // between its last instruction and its termination, which a join (bounded: a thread that
    // does not end fails the rule) waits out.
    assertThat(taskThreads).as("threads tasks ran on").isNotEmpty()
        .allSatisfy(t -> assertThat(ended(t)).as("%s ended after close", t).isTrue());
    List<Thread> left = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && !isJvmShared(t) && !ended(t))
        .toList();
    assertThat(left).as("threads started during the rule and alive after close").isEmpty();
    assertThatThrownBy(() -> model.spawn(ctx -> 1))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class)
        .hasMessageContaining("closed");
  }

  private static boolean ended(Thread t) {
    try {
      return t.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Threads the JVM shares among everything, which no model owns: the carriers of virtual threads.
   */
  private static boolean isJvmShared(Thread t) {
    return t.getClass().getName().equals("jdk.internal.misc.CarrierThread");
  }

  @Test
  void runReturnsTheBodysResultAndRethrowsItsFailureAsIs() {
    ExecutionModel model = open();
    Boom boom = new Boom("body");
    String result = runUnchecked(model, ctx -> ctx.await(ctx.spawn(c -> "child")) + "+main");
    assertThat(result).isEqualTo("child+main");
    assertThatThrownBy(() -> model.run(ctx -> {
      throw boom;
    })).isSameAs(boom);
  }

  /**
   * One rule for a thread interrupt on every model, since none of the originals has such a thing
   * (Go, Node and CPython have no thread interrupt): suspension points ignore it. A sleep lasts
   * its time, a wait ends only when its value comes, and the interrupt status is kept for the
   * task's own code (a blocking call it makes may still see it). Cancellation is {@link
   * Task#cancel()}.
   */
  @Test
  void aThreadInterruptNeitherEndsASuspensionPointNorIsLost() {
    ExecutionModel model = open();
    String seen = runUnchecked(model, ctx -> {
      Channel<String> ch = ctx.channel(0);
      Task<Void> sender = ctx.spawn(c -> {
        c.sleep(Duration.ofMillis(20));
        ch.send("value");
        return null;
      });
      Thread.currentThread().interrupt();
      long start = ctx.now();
      ctx.sleep(Duration.ofMillis(10));
      long slept = ctx.now() - start;
      boolean keptAfterSleep = Thread.currentThread().isInterrupted();
      String received = ch.receive();
      ctx.await(sender);
      boolean kept = Thread.interrupted(); // and cleared, for the model's own code after the run
      return (slept >= 10_000_000L) + " " + keptAfterSleep + " " + received + " " + kept;
    });
    assertThat(seen).as("slept the full time, interrupt kept, value received, interrupt kept")
        .isEqualTo("true true value true");
  }

  @Test
  void tasksSpawnedWhileARunEndsAreCancelledToo() throws Exception {
    ExecutionModel model = open(config().withShutdownGrace(Duration.ofSeconds(20)));
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Task<Void>> cleanup = new AtomicReference<>();
    long begin = System.nanoTime();
    String result = model.run(ctx -> {
      ctx.spawn("child", c -> {
        try {
          started.countDown();
          c.sleep(Duration.ofHours(1));
        } finally {
          // Cleanup spawned as the run cancels the child: it must be cancelled too.
          cleanup.set(c.spawn("cleanup", g -> {
            g.sleep(Duration.ofHours(1));
            return null;
          }));
        }
        return null;
      });
      ctx.blocking(() -> {
        started.await();
        return null;
      });
      return "done";
    });
    assertThat(result).isEqualTo("done");
    assertThat(cleanup.get().isCancelled())
        .as("the task spawned during the run's end was cancelled").isTrue();
    assertThat(model.stats().running()).as("tasks still running after the run").isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .as("the run did not wait out its grace").isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aLeakCheckReportsTasksStillRunningWhenTheRunEnds() throws Exception {
    ExecutionModel checked = open(config().withLeakCheck(true));
    assertThatThrownBy(() -> checked.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      ctx.spawn("leaky", c -> never.receive());
      return ctx.await(ctx.spawn("done", c -> 1));
    })).isInstanceOfSatisfying(LeakException.class,
        e -> assertThat(e.leaks()).singleElement().asString().startsWith("task 'leaky'"));
    assertThat(checked.stats().running()).as("the leaked task was cancelled").isZero();

    int clean = checked.run(ctx -> ctx.await(ctx.spawn(c -> 2)));
    assertThat(clean).as("a run that leaves nothing behind passes").isEqualTo(2);

    ExecutionModel unchecked = open();
    int result = unchecked.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      ctx.spawn("leaky", c -> never.receive());
      return 3;
    });
    assertThat(result).as("without the check, leftovers are cancelled quietly").isEqualTo(3);
  }

  @Test
  void aCtxUsedOutsideItsTaskFails() throws Exception {
    ExecutionModel model = open();
    AtomicReference<Ctx> escaped = new AtomicReference<>();
    AtomicReference<Channel<Integer>> channel = new AtomicReference<>();
    model.run(ctx -> {
      escaped.set(ctx);
      channel.set(ctx.channel(1));
      return null;
    });
    assertThatThrownBy(() -> escaped.get().sleep(Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside its task");
    assertThatThrownBy(() -> escaped.get().spawn(c -> 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside its task");
    assertThatThrownBy(() -> channel.get().receive())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("from a task");
    assertThat(channel.get().trySend(1)).as("non-blocking operations work anywhere").isTrue();
    assertThat(channel.get().tryReceive()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Channels

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 1, 7, 64})
  void aChannelDeliversEveryValueExactlyOnceInSendOrderPerSender(int capacity) throws Exception {
    Seed seed = Seed.next("aChannelDeliversEveryValueExactlyOnceInSendOrderPerSender(" + capacity + ")");
    SplittableRandom random = seed.random();
    int senders = 1 + random.nextInt(4);
    int receivers = 1 + random.nextInt(4);
    int perSender = 100 + random.nextInt(400);
    ExecutionModel model = open();
    List<List<Long>> received = model.run(ctx -> {
      Channel<Long> ch = ctx.channel(capacity);
      List<Task<Void>> sending = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        long sender = s;
        sending.add(ctx.spawn("sender-" + s, c -> {
          for (long i = 0; i < perSender; i++) {
            ch.send(sender * 1_000_000 + i);
          }
          return null;
        }));
      }
      List<Task<List<Long>>> receiving = new ArrayList<>();
      for (int r = 0; r < receivers; r++) {
        receiving.add(ctx.spawn("receiver-" + r, c -> {
          List<Long> got = new ArrayList<>();
          for (Long v : ch) {
            got.add(v);
          }
          return got;
        }));
      }
      ctx.awaitAll(sending);
      ch.close();
      return ctx.awaitAll(receiving);
    });

    Map<Long, Integer> times = new HashMap<>();
    for (List<Long> got : received) {
      long[] last = new long[senders];
      java.util.Arrays.fill(last, -1);
      for (long v : got) {
        times.merge(v, 1, Integer::sum);
        int sender = (int) (v / 1_000_000);
        long seq = v % 1_000_000;
        assertThat(seq).as("sender %d's values out of order at one receiver, %s", sender, seed)
            .isGreaterThan(last[sender]);
        last[sender] = seq;
      }
    }
    assertThat(times).as("values received, %s", seed).hasSize(senders * perSender);
    assertThat(times.values()).as("times each value was received, %s", seed).containsOnly(1);
  }

  /**
   * Senders (plain and select sends over two channels) race receivers of two kinds: selects with a
   * short timeout case, and plain receivers that are cancelled midway. A value is never lost to a
   * timeout or a cancellation, nor received twice, whatever the channel keeps it in.
   */
  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 1, 3})
  void valuesRacingSelectTimeoutsAndCancelledReceiversAreNeitherLostNorDoubled(int capacity)
      throws Exception {
    Seed seed = Seed.next(
        "valuesRacingSelectTimeoutsAndCancelledReceiversAreNeitherLostNorDoubled(" + capacity + ")");
    SplittableRandom random = seed.random();
    int senders = 2 + random.nextInt(3);
    int perSender = 50 + random.nextInt(150);
    ExecutionModel model = open();
    Map<Long, Integer> times = model.run(ctx -> {
      Channel<Long> a = ctx.channel(capacity);
      Channel<Long> b = ctx.channel(capacity);
      Channel<Boolean> halfway = ctx.channel(1);
      Map<Long, Integer> got = new ConcurrentHashMap<>();
      List<Task<Void>> sending = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        long sender = s;
        sending.add(ctx.spawn("sender-" + s, c -> {
          for (long i = 0; i < perSender; i++) {
            long v = sender * 1_000_000 + i;
            if (i % 3 == 0) {
              c.<Void>select().onSend(a, v, () -> null).onSend(b, v, () -> null).run();
            } else {
              (i % 3 == 1 ? a : b).send(v);
            }
            if (i == perSender / 2) {
              halfway.trySend(true);
            }
          }
          return null;
        }));
      }
      List<Task<Void>> quitters = new ArrayList<>();
      for (Channel<Long> ch : List.of(a, b)) {
        quitters.add(ctx.spawn("quitter", c -> {
          for (Long v : ch) {
            got.merge(v, 1, Integer::sum);
          }
          return null;
        }));
      }
      List<Task<Void>> selecting = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        selecting.add(ctx.spawn("selector-" + r, c -> {
          List<Channel<Long>> open = new ArrayList<>(List.of(a, b));
          while (!open.isEmpty()) {
            var select = c.<Void>select().onTimeout(Duration.ofMillis(1), () -> null);
            for (Channel<Long> ch : List.copyOf(open)) {
              select.onReceive(ch, v -> {
                if (v == null) {
                  open.remove(ch);
                } else {
                  got.merge(v, 1, Integer::sum);
                }
                return null;
              });
            }
            select.run();
          }
          return null;
        }));
      }
      halfway.receive();
      for (Task<Void> q : quitters) {
        q.cancel();
      }
      ctx.awaitAll(sending);
      a.close();
      b.close();
      ctx.awaitAll(selecting);
      for (Task<Void> q : quitters) {
        try {
          ctx.await(q);
        } catch (CancellationException expected) {
          // Cancelled while waiting, as intended (or it saw the close first): got has its values.
        }
      }
      return got;
    });
    assertThat(times).as("values received, %s", seed).hasSize(senders * perSender);
    assertThat(times.values()).as("times each value was received, %s", seed).containsOnly(1);
  }

  @Test
  void sendingOnAClosedChannelFailsWithAClearException() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(4);
      ch.close();
      assertThatThrownBy(() -> ch.send(1))
          .isInstanceOf(ChannelClosedException.class).hasMessageContaining("send on closed channel");
      assertThatThrownBy(() -> ch.trySend(1)).isInstanceOf(ChannelClosedException.class);
      return null;
    });
  }

  @Test
  void receiversDrainBufferedValuesThenSeeTheChannelClosed() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(3);
      ch.send(1);
      ch.send(2);
      ch.send(3);
      ch.close();
      assertThat(ch.isClosed()).isTrue();
      assertThat(ch.size()).isEqualTo(3);
      assertThat(ch.receive()).isEqualTo(1);
      assertThat(ch.tryReceive()).isEqualTo(2);
      List<Integer> rest = new ArrayList<>();
      ch.forEach(rest::add);
      assertThat(rest).containsExactly(3);
      assertThat(ch.tryReceive()).isNull();
      assertThatThrownBy(ch::receive)
          .isInstanceOf(ChannelClosedException.class).hasMessageContaining("closed");
      return null;
    });
  }

  @Test
  void aCommaOkReceiveTellsValuesFromTheCloseAndACloseIsAlwaysReadyInASelect() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(2);
      ch.send(1);
      ch.send(2);
      ch.close();
      assertThat(ch.receiveOk()).isEqualTo(Received.of(1));
      assertThat(ch.receiveOk()).isEqualTo(Received.of(2));
      assertThat(ch.receiveOk()).as("closed and drained").isEqualTo(Received.closed());
      assertThat(ch.receiveOk()).as("and again").isEqualTo(Received.closed());

      Channel<Integer> in = ctx.channel(0);
      Task<Received<Integer>> waiting = ctx.spawn(c -> in.receiveOk());
      in.close();
      assertThat(ctx.await(waiting)).as("a waiting receiver woken by the close")
          .isEqualTo(Received.closed());

      // Go: a receive case on a closed channel is always ready, so the default is not taken.
      String taken = ctx.<String>select()
          .onReceiveOk(in, r -> "closed case, ok=" + r.ok())
          .onDefault(() -> "default")
          .run();
      assertThat(taken).isEqualTo("closed case, ok=false");
      return null;
    });
  }

  @Test
  void closingAChannelTwiceFails() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      ch.close();
      assertThatThrownBy(ch::close)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("close of closed channel");
      return null;
    });
  }

  @Test
  void closeWakesBlockedReceiversAndFailsBlockedSenders() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> in = ctx.channel(0);
      Channel<Integer> out = ctx.channel(1);
      out.send(0);
      Task<Integer> receiver = ctx.spawn(c -> in.receive());
      Task<Void> sender = ctx.spawn(c -> {
        out.send(1);
        return null;
      });
      while (model.stats().parked() < 2) {
        ctx.sleep(Duration.ofMillis(1));
      }
      in.close();
      out.close();
      assertThatThrownBy(() -> ctx.await(receiver))
          .hasCauseInstanceOf(ChannelClosedException.class);
      assertThatThrownBy(() -> ctx.await(sender))
          .hasCauseInstanceOf(ChannelClosedException.class);
      assertThat(out.receive()).as("the value buffered before close").isZero();
      return null;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Select

  @Test
  void selectTakesOnlyReadyCases() throws Exception {
    Seed seed = Seed.next("selectTakesOnlyReadyCases");
    SplittableRandom random = seed.random();
    open().run(ctx -> {
      int k = 3 + random.nextInt(4);
      List<Channel<Integer>> channels = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        channels.add(ctx.channel(random.nextBoolean() ? 0 : 1));
      }
      for (int round = 0; round < 200; round++) {
        Set<Integer> ready = new HashSet<>();
        for (int i = 0; i < k; i++) {
          if (channels.get(i).capacity() > 0 && random.nextBoolean()) {
            channels.get(i).send(i);
            ready.add(i);
          }
        }
        var select = ctx.<Integer>select();
        for (Channel<Integer> ch : channels) {
          select.onReceive(ch, v -> v);
        }
        Integer chosen = select.onDefault(() -> -1).run();
        if (ready.isEmpty()) {
          assertThat(chosen).as("round %d, %s", round, seed).isEqualTo(-1);
        } else {
          assertThat(ready).as("round %d, %s", round, seed).contains(chosen);
          assertThat(channels.get(chosen).size()).as("taken from the chosen").isZero();
        }
        for (int i : ready) {
          if (i != chosen) {
            assertThat(channels.get(i).tryReceive()).as("others untouched, %s", seed).isEqualTo(i);
          }
        }
      }
      return null;
    });
  }

  @Test
  void selectTakesTheDefaultWhenNoCaseIsReady() throws Exception {
    open().run(ctx -> {
      Channel<Integer> empty = ctx.channel(0);
      Channel<Integer> full = ctx.channel(1);
      full.send(7);
      String chosen = ctx.<String>select()
          .onReceive(empty, v -> "received")
          .onSend(full, 8, () -> "sent")
          .onDefault(() -> "default")
          .run();
      assertThat(chosen).isEqualTo("default");
      assertThat(full.size()).as("the full channel kept its value").isEqualTo(1);
      assertThat(full.tryReceive()).isEqualTo(7);
      return null;
    });
  }

  @Test
  void selectTimesOutWhenNoCaseBecomesReady() throws Exception {
    open().run(ctx -> {
      Channel<Integer> empty = ctx.channel(0);
      long start = ctx.now();
      String chosen = ctx.<String>select()
          .onReceive(empty, v -> "received")
          .onTimeout(Duration.ofMillis(20), () -> "timeout")
          .run();
      assertThat(chosen).isEqualTo("timeout");
      assertThat(ctx.now() - start).as("waited the timeout").isGreaterThanOrEqualTo(20_000_000L);
      assertThat(empty.trySend(1)).as("no receiver left behind by the select").isFalse();
      return null;
    });
  }

  @Test
  void selectWaitsForTheFirstCaseToBecomeReady() throws Exception {
    open().run(ctx -> {
      Channel<Integer> a = ctx.channel(0);
      Channel<Integer> b = ctx.channel(0);
      Task<Void> sender = ctx.spawn(c -> {
        c.sleep(Duration.ofMillis(5));
        b.send(42);
        return null;
      });
      String chosen = ctx.<String>select()
          .onReceive(a, v -> "a" + v)
          .onReceive(b, v -> "b" + v)
          .run();
      assertThat(chosen).isEqualTo("b42");
      ctx.await(sender);
      assertThat(a.trySend(1)).as("the select left no receiver on the other channel").isFalse();
      return null;
    });
  }

  @Test
  void selectSendCaseHandsItsValueToAWaitingReceiver() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      Task<Integer> receiver = ctx.spawn(c -> ch.receive());
      String chosen = ctx.<String>select()
          .onSend(ch, 42, () -> "sent")
          .onTimeout(Duration.ofSeconds(30), () -> "timeout")
          .run();
      assertThat(chosen).isEqualTo("sent");
      assertThat(ctx.await(receiver)).isEqualTo(42);
      return null;
    });
  }

  @Test
  void selectReceiveCaseOnAClosedChannelGetsNull() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      ch.close();
      AtomicBoolean handled = new AtomicBoolean();
      Integer v = ctx.<Integer>select().onReceive(ch, x -> {
        handled.set(true);
        return x;
      }).run();
      assertThat(handled).isTrue();
      assertThat(v).isNull();
      return null;
    });
  }

  @Test
  void aNilChannelCaseIsNeverReady() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ready = ctx.channel(1);
      ready.send(1);
      ReceiveChannel<Integer> nilReceive = null;
      SendChannel<Integer> nilSend = null;
      for (int i = 0; i < 50; i++) {
        String chosen = ctx.<String>select()
            .onReceive(nilReceive, v -> "nil receive")
            .onSend(nilSend, 2, () -> "nil send")
            .onDefault(() -> "default")
            .run();
        assertThat(chosen).isEqualTo("default");
      }
      String withReady = ctx.<String>select()
          .onReceive(nilReceive, v -> "nil receive")
          .onReceive(ready, v -> "ready")
          .run();
      assertThat(withReady).isEqualTo("ready");
      String timedOut = ctx.<String>select()
          .onReceive(nilReceive, v -> "nil receive")
          .onTimeout(Duration.ofMillis(5), () -> "timeout")
          .run();
      assertThat(timedOut).isEqualTo("timeout");
      return null;
    });
  }

  @Test
  void aChannelCanBeHandedOutAsItsSendingOrReceivingSideOnly() throws Exception {
    int sum = open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      SendChannel<Integer> out = ch;
      ReceiveChannel<Integer> in = ch;
      ctx.spawn(c -> {
        for (int i = 1; i <= 3; i++) {
          out.send(i);
        }
        out.close();
        return null;
      });
      int total = 0;
      for (int v : in) {
        total += v;
      }
      return total;
    });
    assertThat(sum).isEqualTo(6);
  }

  @Test
  void selectChoosesUniformlyAmongReadyCases() throws Exception {
    int rounds = 3000;
    int[] counts = open().run(ctx -> {
      List<Channel<Integer>> channels = List.of(ctx.channel(1), ctx.channel(1), ctx.channel(1));
      int[] taken = new int[channels.size()];
      for (int round = 0; round < rounds; round++) {
        for (Channel<Integer> ch : channels) {
          ch.trySend(1);
        }
        var select = ctx.<Integer>select();
        for (int i = 0; i < channels.size(); i++) {
          int id = i;
          select.onReceive(channels.get(i), v -> id);
        }
        taken[select.run()]++;
      }
      return taken;
    });
    // Each count is Binomial(3000, 1/3): mean 1000, standard deviation 26. A bound 7.7 deviations
    // wide fails a fair select about once in 10^13 runs, and a biased one at once.
    for (int i = 0; i < counts.length; i++) {
      assertThat(counts[i]).as("times case %d was chosen of %s", i, java.util.Arrays.toString(counts))
          .isBetween(800, 1200);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cancellation and timeouts

  @Test
  void cancellationIsObservedAtTheNextSuspensionPoint() throws Exception {
    ExecutionModel model = open();
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean release = new AtomicBoolean();
    AtomicBoolean ranAfterCancel = new AtomicBoolean();
    AtomicReference<Throwable> observed = new AtomicReference<>();
    AtomicBoolean ranPastSuspension = new AtomicBoolean();
    Task<Void> task = model.spawn(ctx -> {
      started.countDown();
      while (!release.get()) {
        Thread.onSpinWait();
      }
      ranAfterCancel.set(true);
      try {
        ctx.sleep(Duration.ofHours(1));
      } catch (CancellationException e) {
        observed.set(e);
        throw e;
      }
      ranPastSuspension.set(true);
      return null;
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(task.cancel()).isTrue();
    assertThat(task.isCancelled()).as("the future is cancelled at once").isTrue();
    release.set(true);
    model.close();
    assertThat(ranAfterCancel).as("code up to the next suspension point still runs").isTrue();
    assertThat(observed.get()).as("the suspension point threw").isInstanceOf(CancellationException.class);
    assertThat(ranPastSuspension).isFalse();
  }

  @Test
  void aCancelledReceiverTakesNoValue() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      Task<Integer> receiver = ctx.spawn(c -> ch.receive());
      while (model.stats().parked() < 1) {
        ctx.sleep(Duration.ofMillis(1));
      }
      receiver.cancel();
      while (model.stats().running() > 1) {
        ctx.sleep(Duration.ofMillis(1));
      }
      assertThat(ch.trySend(5)).as("a cancelled receiver is no longer waiting").isFalse();
      return null;
    });
  }

  @Test
  void withTimeoutIsObservedAtTheNextSuspensionPoint() throws Exception {
    open().run(ctx -> {
      assertThatThrownBy(() -> ctx.withTimeout(Duration.ofMillis(20), c -> {
        c.sleep(Duration.ofHours(1));
        return null;
      })).isInstanceOf(TimeoutCancellationException.class);

      AtomicBoolean computedPastDeadline = new AtomicBoolean();
      AtomicBoolean ranPastSuspension = new AtomicBoolean();
      assertThatThrownBy(() -> ctx.withTimeout(Duration.ofMillis(20), c -> {
        // Read inside the body: the deadline was set before it started, so it is surely past.
        long start = c.now();
        while (c.now() - start < 60_000_000L) {
          Thread.onSpinWait();
        }
        computedPastDeadline.set(true);
        c.checkpoint();
        ranPastSuspension.set(true);
        return null;
      })).isInstanceOfSatisfying(TimeoutCancellationException.class,
          e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(20)));
      assertThat(computedPastDeadline).as("code between suspension points is not interrupted").isTrue();
      assertThat(ranPastSuspension).isFalse();

      int quick = ctx.withTimeout(Duration.ofMillis(1), c -> 7);
      assertThat(quick).as("a body done before any suspension point returns").isEqualTo(7);
      ctx.sleep(Duration.ofMillis(5));
      int inTime = ctx.withTimeout(Duration.ofHours(1), c -> {
        c.sleep(Duration.ofMillis(1));
        return 8;
      });
      assertThat(inTime).as("a body done in time returns").isEqualTo(8);
      return null;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Failures

  @Test
  void awaitAllPropagatesTheFirstFailure() throws Exception {
    open().run(ctx -> {
      Boom first = new Boom("first");
      Task<Integer> failsFirst = ctx.spawn(c -> {
        c.sleep(Duration.ofMillis(2));
        throw first;
      });
      Task<Integer> failsSecond = ctx.spawn(c -> {
        try {
          c.await(failsFirst);
        } catch (CompletionException expected) {
          // Only now, strictly after the first.
        }
        throw new Boom("second");
      });
      Task<Integer> succeeds = ctx.spawn(c -> 3);
      assertThatThrownBy(() -> ctx.awaitAll(List.of(succeeds, failsSecond, failsFirst)))
          .isInstanceOf(CompletionException.class)
          .cause().isSameAs(first);
      assertThatThrownBy(() -> ctx.await(failsSecond))
          .as("the failure awaitAll did not report is still there to retrieve")
          .cause().hasMessage("second");
      assertThat(ctx.awaitAll(List.of(succeeds, ctx.spawn(c -> 4)))).containsExactly(3, 4);
      return null;
    });
  }

  @Test
  void awaitRethrowsAFailureAsACompletionExceptionCausedByIt() throws Exception {
    open().run(ctx -> {
      Boom boom = new Boom("awaited");
      Task<Integer> t = ctx.spawn(c -> {
        throw boom;
      });
      assertThatThrownBy(() -> ctx.await(t))
          .isInstanceOf(CompletionException.class).cause().isSameAs(boom);
      return null;
    });
  }

  @Test
  void awaitAnyReturnsTheFirstSuccessAndFailsOnlyIfAllFail() throws Exception {
    open().run(ctx -> {
      Task<Integer> fails = ctx.spawn(c -> {
        throw new Boom("a");
      });
      Task<Integer> slow = ctx.spawn(c -> {
        c.sleep(Duration.ofHours(1));
        return 1;
      });
      Task<Integer> fast = ctx.spawn(c -> {
        try {
          c.await(fails);
        } catch (CompletionException expected) {
          // Succeed only after the failure, so that awaitAny sees a failure first.
        }
        return 2;
      });
      assertThat(ctx.<Integer>awaitAny(List.of(fails, slow, fast))).isEqualTo(2);
      slow.cancel();
      Task<Integer> alsoFails = ctx.spawn(c -> {
        throw new Boom("b");
      });
      assertThatThrownBy(() -> ctx.awaitAny(List.of(fails, alsoFails)))
          .isInstanceOf(CompletionException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
      return null;
    });
  }

  @Test
  void aFailureNobodyAwaitedFailsTheRunByDefault() {
    ExecutionModel model = open();
    Boom lost = new Boom("nobody awaits this");
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> reached = ctx.channel(1);
      ctx.spawn(c -> {
        reached.send(1);
        throw lost;
      });
      reached.receive();
      return 1;
    })).isInstanceOf(UnhandledFailureException.class).cause().isSameAs(lost);
  }


  @Test
  void aFailureOfADetachedTaskEndsItsRunAtOnce() {
    ExecutionModel model = open();
    Boom panic = new Boom("panic");
    AtomicBoolean rootCancelled = new AtomicBoolean();
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      ctx.go("worker", c -> {
        throw panic;
      });
      try {
        return never.receive();
      } catch (CancellationException e) {
        rootCancelled.set(true);
        throw e;
      }
    })).isInstanceOf(UnhandledFailureException.class)
        .hasMessageContaining("'worker'")
        .cause().isSameAs(panic);
    assertThat(rootCancelled).as("the run's other tasks were cancelled").isTrue();
    assertThat(model.stats().running()).isZero();
  }

  @Test
  void aDetachedFailureOutsideAnyRunIsReportedAtCloseAndStopsNothingElse() throws Exception {
    ExecutionModel model = open();
    Boom panic = new Boom("outside");
    Task<Void> parent = model.spawn(ctx -> {
      ctx.go("bad", c -> {
        throw panic;
      });
      return null;
    });
    parent.get(30, TimeUnit.SECONDS);
    Task<Integer> later = model.spawn(ctx -> 7);
    assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(7);
    assertThatThrownBy(model::close)
        .isInstanceOf(UnhandledFailureException.class).cause().isSameAs(panic);
  }

  @Test
  void aFailureOfADetachedTaskIsLoggedAtOnceUnderTheLogPolicy() throws Exception {
    ExecutionModel model = open(config().withUnhandledFailurePolicy(UnhandledFailurePolicy.LOG));
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = capture(records);
    Logger logger = Logger.getLogger("io.execmodels");
    logger.addHandler(handler);
    try {
      Boom panic = new Boom("logged at once");
      int result = model.run(ctx -> {
        ctx.go("worker", c -> {
          throw panic;
        });
        while (records.stream().noneMatch(r -> r.getThrown() == panic)) {
          ctx.sleep(Duration.ofMillis(1));
        }
        return 1;
      });
      assertThat(result).as("the run went on to its end").isEqualTo(1);
    } finally {
      logger.removeHandler(handler);
    }
  }

  private static Handler capture(List<LogRecord> records) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @Test
  void aFailureNobodyAwaitedIsLoggedUnderTheLogPolicy() throws Exception {
    ExecutionModel model = open(config().withUnhandledFailurePolicy(UnhandledFailurePolicy.LOG));
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = capture(records);
    Logger logger = Logger.getLogger("io.execmodels");
    logger.addHandler(handler);
    try {
      Boom lost = new Boom("logged, not thrown");
      Integer result = model.run(ctx -> {
        Channel<Integer> reached = ctx.channel(1);
        ctx.spawn(c -> {
          reached.send(1);
          throw lost;
        });
        reached.receive();
        return 1;
      });
      assertThat(result).isEqualTo(1);
      assertThat(records).as("log records").anySatisfy(r -> assertThat(r.getThrown()).isSameAs(lost));
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void anAwaitedFailureIsNotReportedAsUnhandled() throws Exception {
    ExecutionModel model = open();
    int result = model.run(ctx -> {
      Task<Integer> t = ctx.spawn(c -> {
        throw new Boom("handled");
      });
      try {
        return ctx.await(t);
      } catch (CompletionException e) {
        return -1;
      }
    });
    assertThat(result).isEqualTo(-1);
    model.close();
  }

  @Test
  void aFailureOfATaskSpawnedOutsideAnyRunIsReportedAtClose() throws Exception {
    ExecutionModel model = open();
    Boom lost = new Boom("outside");
    CountDownLatch aboutToFail = new CountDownLatch(1);
    model.spawn(ctx -> {
      aboutToFail.countDown();
      throw lost;
    });
    assertThat(aboutToFail.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(model::close)
        .isInstanceOf(UnhandledFailureException.class).cause().isSameAs(lost);
    assertThat(model.isClosed()).isTrue();
  }

  @Test
  void anAwaitThatGaveUpLeavesNothingBehindOnTheAwaitedTask() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      Task<Integer> longLived = ctx.spawn(c -> never.receive());
      Task<byte[]> gaveUp = ctx.spawn(c -> {
        try {
          c.withTimeout(Duration.ofMillis(5), cc -> cc.await(longLived));
        } catch (TimeoutCancellationException expected) {
          // Gave up waiting; nothing of this task may stay reachable from longLived.
        }
        return new byte[1 << 20];
      });
      WeakReference<byte[]> result =
          new WeakReference<>(ctx.await(gaveUp));
      gaveUp = null;
      for (int i = 0; i < 50 && result.get() != null; i++) {
        System.gc();
        ctx.sleep(Duration.ofMillis(10));
      }
      assertThat(result.get()).as("the result of a done, dropped task is collectable").isNull();
      longLived.cancel();
      return null;
    });
  }

  @Test
  void aFailureIsNotRetrievedByAnAwaitThatGaveUp() {
    ExecutionModel model = open();
    Boom late = new Boom("after the awaiter gave up");
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> go = ctx.channel(0);
      Task<Integer> worker = ctx.spawn(c -> {
        go.receive();
        throw late;
      });
      try {
        ctx.withTimeout(Duration.ofMillis(5), c -> c.await(worker));
      } catch (TimeoutCancellationException gaveUp) {
        // Moved on without the outcome.
      }
      go.send(1);
      return null;
    })).isInstanceOf(UnhandledFailureException.class).cause().isSameAs(late);
  }

  @Test
  void awaitAllLeavesTheFailuresItDidNotReportToThePolicy() {
    ExecutionModel model = open();
    Boom second = new Boom("second");
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<Integer> go = ctx.channel(0);
      Task<Integer> a = ctx.spawn(c -> {
        throw new Boom("first");
      });
      Task<Integer> b = ctx.spawn(c -> {
        go.receive();
        throw second;
      });
      try {
        ctx.awaitAll(List.of(a, b));
      } catch (CompletionException reportedFirst) {
        // The first failure is handled here; the second is not.
      }
      go.send(1);
      return null;
    })).isInstanceOf(UnhandledFailureException.class).cause().isSameAs(second);
  }

  @Test
  void runRethrowsItsBodysFailureEvenWhenATaskFailedWithTheSameException() {
    ExecutionModel model = open();
    assertThatThrownBy(() -> model.run(ctx -> {
      Channel<RuntimeException> errors = ctx.channel(1);
      ctx.spawn(c -> {
        RuntimeException e = new Boom("reported and thrown");
        errors.send(e);
        throw e;
      });
      throw errors.receive();
    })).isInstanceOf(Boom.class).hasMessage("reported and thrown");
  }

  private static <T> T runUnchecked(ExecutionModel model, io.execmodels.core.Body<T> body) {
    try {
      return model.run(body);
    } catch (Exception e) {
      return fail("run failed", e);
    }
  }
}
