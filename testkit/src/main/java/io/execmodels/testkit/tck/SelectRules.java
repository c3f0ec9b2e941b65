package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.SendChannel;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Select, as Go's: it takes a ready case if there is one, chosen uniformly among the ready ones;
 * otherwise its default, or it waits for the first case to become ready, or its timeout; a nil
 * channel's case is never ready; a select leaves no waiter behind on the cases it did not take.
 */
abstract class SelectRules extends RuleSet {

  SelectRules(ExecutionModelTck tck) {
    super(tck);
  }

  @Test
  void required_select1_selectTakesOnlyReadyCases() throws Exception {
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
  void required_select2_selectTakesTheDefaultWhenNoCaseIsReady() throws Exception {
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
  void required_select3_selectTimesOutWhenNoCaseBecomesReady() throws Exception {
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
  void required_select4_selectWaitsForTheFirstCaseToBecomeReady() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> a = ctx.channel(0);
      Channel<Integer> b = ctx.channel(0);
      AtomicBoolean selecting = new AtomicBoolean();
      Task<Void> sender = ctx.spawn(c -> {
        // Sends only once the select waits: no case was ready when it began.
        Probe.await(c, () -> selecting.get() && model.stats().parked() >= 1,
            "the select waiting on both channels");
        b.send(42);
        return null;
      });
      selecting.set(true);
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
  void required_select5_selectSendCaseHandsItsValueToAWaitingReceiver() throws Exception {
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
  void required_select6_selectReceiveCaseOnAClosedChannelGetsNull() throws Exception {
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
  void required_select7_aNilChannelCaseIsNeverReady() throws Exception {
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
  void required_select8_aChannelCanBeHandedOutAsItsSendingOrReceivingSideOnly() throws Exception {
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
  void required_select9_selectChoosesUniformlyAmongReadyCases() throws Exception {
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

  @Test
  void required_select10_selectWaitsOnATasksCompletionAndHandsOnItsOutcome() throws Exception {
    ExecutionModel model = open();
    model.run(ctx -> {
      Channel<Integer> never = ctx.channel(0);
      Task<Integer> slow = ctx.spawn(c -> {
        c.sleep(Duration.ofMillis(5));
        return 5;
      });
      String first = ctx.<String>select()
          .onReceive(never, v -> "a value")
          .onAwait(slow, v -> "the task gave " + v)
          .run();
      assertThat(first).isEqualTo("the task gave 5");

      assertThat(ctx.<String>select().onAwait(slow, v -> "done already")
          .onDefault(() -> "default").run())
          .as("a done task's case is ready at once").isEqualTo("done already");

      Task<Integer> failing = ctx.spawn(c -> {
        c.sleep(Duration.ofMillis(1));
        throw new Boom("select me");
      });
      assertThatThrownBy(() -> ctx.<String>select().onAwait(failing, v -> "no").run())
          .isInstanceOf(CompletionException.class).cause().isInstanceOf(Boom.class);

      Task<Integer> cancelled = ctx.spawn(c -> {
        c.sleep(Duration.ofHours(1));
        return 0;
      });
      cancelled.cancel();
      assertThatThrownBy(() -> ctx.<String>select().onAwait(cancelled, v -> "no").run())
          .isInstanceOf(CancellationException.class);

      assertThat(ctx.<String>select().onAwait(null, v -> "nil").onDefault(() -> "default").run())
          .as("a null task is never ready").isEqualTo("default");
      return null;
    });
  }
}
