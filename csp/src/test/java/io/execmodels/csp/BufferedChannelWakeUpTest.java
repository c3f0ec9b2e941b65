package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A buffered channel's send and receive take no lock when they can proceed, so a task about to
 * wait and a task changing the ring race without one. These tests make that race happen on real
 * threads many thousands of times, in shapes where a single lost wake-up leaves every task waiting:
 * csp's deadlock detection then fails the run, and the test with it. (The sim model cannot find
 * such a bug: it runs core's channel code between two of its scheduling points, atomically.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BufferedChannelWakeUpTest {

  private static final int ROUND_TRIPS = 100_000;

  private ExecutionModel model;

  @BeforeEach
  void open() {
    model = ExecutionModels.open("csp");
  }

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void aPingPongOverTwoOneSlotChannelsNeverLosesAWakeUp() throws Exception {
    long sum = model.run(ctx -> {
      Channel<Integer> ping = ctx.channel(1);
      Channel<Integer> pong = ctx.channel(1);
      Task<Void> echo = ctx.spawn("echo", c -> {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          pong.send(ping.receive() + 1);
        }
        return null;
      });
      long total = 0;
      for (int i = 0; i < ROUND_TRIPS; i++) {
        ping.send(i);
        total += pong.receive() - i;
      }
      ctx.await(echo);
      return total;
    });
    assertThat(sum).isEqualTo(ROUND_TRIPS);
  }

  @Test
  void aSelectWaitingOnABufferedChannelNeverMissesTheValueThatArrivesAsItQueues()
      throws Exception {
    long sum = model.run(ctx -> {
      Channel<Integer> ping = ctx.channel(1);
      Channel<Integer> pong = ctx.channel(1);
      // Never ready: nothing is sent to empty, and full never has room.
      Channel<Integer> empty = ctx.channel(1);
      Channel<Integer> full = ctx.channel(1);
      full.send(0);
      Task<Void> echo = ctx.spawn("echo", c -> {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          int v = c.<Integer>select().onReceive(ping, x -> x).onReceive(empty, x -> -1).run();
          c.<Void>select().onSend(pong, v + 1, () -> null).onSend(full, 0, () -> null).run();
        }
        return null;
      });
      long total = 0;
      for (int i = 0; i < ROUND_TRIPS; i++) {
        ping.send(i);
        total += pong.receive() - i;
      }
      ctx.await(echo);
      return total;
    });
    assertThat(sum).isEqualTo(ROUND_TRIPS);
  }

  @Test
  void aSenderWaitingOnAFullChannelNeverMissesTheSlotThatFreesAsItQueues() throws Exception {
    long received = model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(1);
      Task<Void> producer = ctx.spawn("producer", c -> {
        for (int i = 0; i < ROUND_TRIPS; i++) {
          ch.send(i);
        }
        ch.close();
        return null;
      });
      long count = 0;
      for (Integer v : ch) {
        assertThat(v).isEqualTo((int) count);
        count++;
      }
      ctx.await(producer);
      return count;
    });
    assertThat(received).isEqualTo(ROUND_TRIPS);
  }
}
