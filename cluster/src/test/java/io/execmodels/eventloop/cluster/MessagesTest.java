package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.eventloop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import outside.Unlisted;

/** Messages between the primary and a real worker: ordered, intact, allow-listed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessagesTest {

  private static final int COUNT = 500;

  @Test
  void arriveInOrderIntactAndAnUnlistedClassIsRefusedWhileTheWorkerGoesOn() {
    List<Object> got = new ArrayList<>();
    String big = "x".repeat(100_000) + "end";
    EventLoop loop = new EventLoop();
    try (Cluster cluster = new Cluster(loop, ClusterSettings.of(EchoWorker.class))) {
      loop.run(() -> {
        ClusterWorker w = cluster.fork();
        w.on("error", a -> got.add(a[0]));
        w.on("message", a -> {
          got.add(a[0]);
          if (a[0] instanceof String s && s.endsWith("end")) {
            w.disconnect();
          }
        });
        // Sent before online: held, then sent in order.
        w.send(new Unlisted(7));
        for (int i = 0; i < COUNT; i++) {
          w.send("ping " + i);
        }
        w.send(big);
      });
    }
    loop.close();
    assertThat(got).hasSize(COUNT + 2);
    assertThat(got.get(0)).isInstanceOf(java.io.InvalidObjectException.class);
    assertThat(((Throwable) got.get(0)).getMessage())
        .contains("worker 1", "refused", "outside.Unlisted", "allow-list");
    for (int i = 0; i < COUNT; i++) {
      assertThat(got.get(i + 1)).isEqualTo("pong " + i);
    }
    assertThat(got.get(COUNT + 1)).isEqualTo(big);
  }
}
