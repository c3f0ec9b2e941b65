package io.execmodels.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Channel;
import io.execmodels.core.ChannelClosedException;
import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Core's channel and select algorithms ({@link SyncChannel}, {@link BufferedChannel}, {@link
 * SelectImpl}, {@link Selection}), tested in core on {@link MinimalScheduler}: waiters served in
 * order, a ring's order across its wrap-around, close and cancellation leaving no waiter queued.
 * Each wait for a counterpart is for the counterpart's park, bounded; the TCK checks the same
 * code on every model.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelAlgorithmsTest {

  private final ModelRuntime model = MinimalScheduler.model();

  @AfterEach
  void close() {
    model.close();
  }

  /** Waits, from a task, until {@code condition} holds; fails after 10 s. */
  private static void await(Ctx ctx, BooleanSupplier condition, String what) {
    long giveUp = ctx.now() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(ctx.now() - giveUp).as("waited 10 s for: %s", what).isNegative();
      ctx.sleep(Duration.ofMillis(1));
    }
  }

  private void awaitParked(Ctx ctx, long parked) {
    await(ctx, () -> model.stats().parked() >= parked, parked + " tasks parked");
  }

  private static ChannelImpl<?> impl(Channel<?> channel) {
    return (ChannelImpl<?>) channel;
  }

  @Test
  void aBufferedChannelKeepsFifoOrderAcrossItsRingsWrapAround() throws Exception {
    List<Integer> received = model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(3);
      assertThat(ch).isInstanceOf(BufferedChannel.class);
      List<Integer> got = new ArrayList<>();
      int next = 0;
      int held = 0;
      // Uneven batches move the ring's head and tail round it many times, at every offset, and
      // fill it now and then; one task, so it never sends more than the ring has room for.
      for (int round = 0; round < 200; round++) {
        int sends = Math.min(3 - held, 1 + round % 3);
        for (int i = 0; i < sends; i++) {
          ch.send(next++);
        }
        held += sends;
        int receives = Math.min(held, 1 + round % 2);
        for (int i = 0; i < receives; i++) {
          got.add(ch.receive());
        }
        held -= receives;
        assertThat(ch.size()).as("values held after round %d", round).isEqualTo(held);
      }
      Integer v;
      while ((v = ch.tryReceive()) != null) {
        got.add(v);
      }
      return got;
    });
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < received.size(); i++) {
      expected.add(i);
    }
    assertThat(received).as("every value, in send order").isEqualTo(expected);
  }

  @Test
  void sendersWaitingOnAFullBufferedChannelAreServedInTheOrderTheyCame() throws Exception {
    List<Integer> received = model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(2);
      ch.send(0);
      ch.send(1);
      List<Task<Void>> senders = new ArrayList<>();
      for (int i = 2; i < 6; i++) {
        int v = i;
        senders.add(ctx.spawn(c -> {
          ch.send(v);
          return null;
        }));
        awaitParked(ctx, i - 1);
      }
      assertThat(impl(ch).senders.count()).as("senders queued").isEqualTo(4);
      List<Integer> got = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        got.add(ch.receive());
      }
      ctx.awaitAll(senders);
      return got;
    });
    assertThat(received).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void receiversWaitingOnAnUnbufferedChannelAreServedInTheOrderTheyCame() throws Exception {
    List<Integer> received = model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(0);
      assertThat(ch).isInstanceOf(SyncChannel.class);
      List<Task<Integer>> receivers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        receivers.add(ctx.spawn(c -> ch.receive()));
        awaitParked(ctx, i + 1);
      }
      assertThat(impl(ch).receivers.count()).as("receivers queued").isEqualTo(4);
      for (int i = 0; i < 4; i++) {
        ch.send(i);
      }
      return ctx.awaitAll(receivers);
    });
    assertThat(received).as("what each receiver got, in the order they queued")
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  void aSelectWithSeveralReadyCasesTakesExactlyOneAndLeavesTheOthersAsTheyWere() throws Exception {
    Set<String> taken = model.run(ctx -> {
      Set<String> seen = new HashSet<>();
      for (int round = 0; round < 300; round++) {
        Channel<Integer> a = ctx.channel(1);
        Channel<Integer> b = ctx.channel(1);
        Channel<Integer> room = ctx.channel(1);
        a.send(1);
        b.send(2);
        String chosen = ctx.<String>select()
            .onReceive(a, v -> "a")
            .onReceive(b, v -> "b")
            .onSend(room, 3, () -> "room")
            .run();
        seen.add(chosen);
        assertThat(a.size()).as("round %d: a", round).isEqualTo(chosen.equals("a") ? 0 : 1);
        assertThat(b.size()).as("round %d: b", round).isEqualTo(chosen.equals("b") ? 0 : 1);
        assertThat(room.size()).as("round %d: room", round)
            .isEqualTo(chosen.equals("room") ? 1 : 0);
      }
      return seen;
    });
    assertThat(taken).as("cases taken over the rounds (each is 1 in 3)")
        .containsExactlyInAnyOrder("a", "b", "room");
  }

  @Test
  void closingAChannelWakesASelectWaitingOnItWithTheClose() throws Exception {
    String result = model.run(ctx -> {
      Channel<Integer> a = ctx.channel(0);
      Channel<Integer> b = ctx.channel(4);
      Task<String> selecting = ctx.spawn(c -> c.<String>select()
          .onReceive(a, v -> "a " + v)
          .onReceiveOk(b, r -> "b ok=" + r.ok())
          .run());
      awaitParked(ctx, 1);
      b.close();
      String chosen = ctx.await(selecting);
      assertThat(impl(a).receivers.count()).as("waiters left on the other channel").isZero();
      assertThat(impl(b).receivers.count()).as("waiters left on the closed one").isZero();
      return chosen;
    });
    assertThat(result).isEqualTo("b ok=false");
  }

  @Test
  void aCancelledSelectLeavesNoWaiterBehindOnAnyChannel() throws Exception {
    model.run(ctx -> {
      Channel<Integer> sync = ctx.channel(0);
      Channel<Integer> buffered = ctx.channel(1);
      Channel<Integer> full = ctx.channel(1);
      full.send(0);
      Task<String> selecting = ctx.spawn(c -> c.<String>select()
          .onReceive(sync, v -> "sync")
          .onReceive(buffered, v -> "buffered")
          .onSend(full, 1, () -> "full")
          .onSend(sync, 2, () -> "sync send")
          .run());
      awaitParked(ctx, 1);
      assertThat(impl(sync).receivers.count() + impl(sync).senders.count())
          .as("the select waits on the unbuffered channel both ways").isEqualTo(2);
      selecting.cancel();
      await(ctx, () -> model.stats().running() <= 1, "the cancelled select's task ended");
      assertThatThrownBy(() -> ctx.await(selecting)).isInstanceOf(CancellationException.class);
      for (Channel<Integer> ch : List.of(sync, buffered, full)) {
        assertThat(impl(ch).receivers.count()).as("receivers left on %s", ch).isZero();
        assertThat(impl(ch).senders.count()).as("senders left on %s", ch).isZero();
      }
      assertThat(sync.trySend(9)).as("nobody receives on the unbuffered channel").isFalse();
      assertThat(sync.tryReceive()).as("nobody sends on it").isNull();
      assertThat(full.tryReceive()).as("the full channel kept only its own value").isZero();
      assertThat(full.tryReceive()).isNull();
      return null;
    });
  }

  @Test
  void aSelectThatTimesOutLeavesNoWaiterBehind() throws Exception {
    String chosen = model.run(ctx -> {
      Channel<Integer> sync = ctx.channel(0);
      Channel<Integer> buffered = ctx.channel(2);
      String c = ctx.<String>select()
          .onReceive(sync, v -> "sync")
          .onReceive(buffered, v -> "buffered")
          .onTimeout(Duration.ofMillis(5), () -> "timeout")
          .run();
      assertThat(impl(sync).receivers.count()).isZero();
      assertThat(impl(buffered).receivers.count()).isZero();
      return c;
    });
    assertThat(chosen).isEqualTo("timeout");
  }

  @Test
  void closeWakesEveryWaiterOfABufferedChannelReceiversAfterTheBufferedValues() throws Exception {
    model.run(ctx -> {
      Channel<Integer> full = ctx.channel(1);
      full.send(7);
      Task<Void> sender = ctx.spawn(c -> {
        full.send(8);
        return null;
      });
      awaitParked(ctx, 1);
      full.close();
      assertThatThrownBy(() -> ctx.await(sender))
          .hasCauseInstanceOf(ChannelClosedException.class);
      assertThat(full.receive()).as("the value buffered before the close").isEqualTo(7);
      assertThat(full.receiveOk().ok()).as("then the close").isFalse();
      assertThat(impl(full).senders.count()).isZero();
      return null;
    });
  }
}
