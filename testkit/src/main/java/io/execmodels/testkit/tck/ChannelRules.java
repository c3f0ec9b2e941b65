package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ChannelClosedException;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.Received;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Channels: every value delivered once, in each sender's order, whatever the capacity and whatever
 * races it (select timeouts, cancelled receivers); close as Go's: buffered values drained first,
 * then the close seen; a send on a closed channel fails; a closed channel wakes its waiters.
 */
abstract class ChannelRules extends RuleSet {

  ChannelRules(ExecutionModelTck tck) {
    super(tck);
  }

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 1, 7, 64})
  void required_channel1_aChannelDeliversEveryValueExactlyOnceInSendOrderPerSender(int capacity)
      throws Exception {
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
  void required_channel2_valuesRacingSelectTimeoutsAndCancelledReceiversAreNeitherLostNorDoubled(
      int capacity) throws Exception {
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
              c.select().onSendDo(a, v, () -> { }).onSendDo(b, v, () -> { }).run();
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
            var select = c.select().onTimeoutDo(Duration.ofMillis(1), () -> { });
            for (Channel<Long> ch : List.copyOf(open)) {
              select.onReceiveDo(ch, v -> {
                if (v == null) {
                  open.remove(ch);
                } else {
                  got.merge(v, 1, Integer::sum);
                }
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
  void required_channel3_sendingOnAClosedChannelFailsWithAClearException() throws Exception {
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
  void required_channel4_receiversDrainBufferedValuesThenSeeTheChannelClosed() throws Exception {
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
  void required_channel5_aCommaOkReceiveTellsValuesFromTheCloseAndACloseIsAlwaysReadyInASelect()
      throws Exception {
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
  void required_channel6_closingAChannelTwiceFails() throws Exception {
    open().run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      ch.close();
      assertThatThrownBy(ch::close)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("close of closed channel");
      return null;
    });
  }

  @Test
  void required_channel7_closeWakesBlockedReceiversAndFailsBlockedSenders() throws Exception {
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
      Probe.awaitParked(model, ctx, 2, "the receiver and the sender blocked on their channels");
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
}
