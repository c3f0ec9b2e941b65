package io.execmodels.csp;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Go serves the tasks blocked on a buffered channel first come, first served: a receive from a full
 * channel moves the oldest blocked sender's value in, and a send to an empty one goes to the oldest
 * blocked receiver. Each blocked task here is seen parked before the next one blocks, so the order
 * they blocked in is known.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BufferedChannelOrderTest {

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
  void sendersBlockedOnAFullChannelGetInInTheOrderTheyBlocked() throws Exception {
    List<Integer> received = model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(1);
      ch.send(0);
      for (int i = 1; i <= 3; i++) {
        int value = i;
        ctx.spawn("sender-" + i, c -> {
          ch.send(value);
          return null;
        });
        assertThat(Probes.awaitParked(model, ctx, i)).as("sender %d parked", i).isTrue();
      }
      List<Integer> got = new ArrayList<>();
      for (int i = 0; i <= 3; i++) {
        got.add(ch.receive());
      }
      return got;
    });
    assertThat(received).containsExactly(0, 1, 2, 3);
  }

  @Test
  void receiversBlockedOnAnEmptyChannelAreServedInTheOrderTheyBlocked() throws Exception {
    List<String> served = model.run(ctx -> {
      Channel<Integer> ch = ctx.channel(2);
      Channel<String> log = ctx.channel(3);
      for (int i = 1; i <= 3; i++) {
        String name = "receiver-" + i;
        ctx.spawn(name, c -> {
          log.send(name + " got " + ch.receive());
          return null;
        });
        assertThat(Probes.awaitParked(model, ctx, i)).as("%s parked", name).isTrue();
      }
      List<String> lines = new ArrayList<>();
      for (int v = 1; v <= 3; v++) {
        ch.send(v);
        lines.add(log.receive());
      }
      return lines;
    });
    assertThat(served).containsExactly("receiver-1 got 1", "receiver-2 got 2", "receiver-3 got 3");
  }
}
