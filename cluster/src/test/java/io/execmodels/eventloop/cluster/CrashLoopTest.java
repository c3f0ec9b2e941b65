package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.eventloop.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker that crashes as soon as it is online is restarted with back-off up to the policy's
 * limit, then given up and reported; nothing is forked after that (the primary's loop ends on its
 * own, which it could not while a restart was pending or a worker ran).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashLoopTest {

  @Test
  void aCrashLoopIsThrottledThenReported() {
    List<String> out = new ArrayList<>();
    RestartPolicy policy =
        new RestartPolicy(Duration.ofMillis(20), Duration.ofMillis(80), 3, Duration.ofMinutes(5));
    EventLoop loop = new EventLoop();
    try (Cluster cluster =
        new Cluster(loop, ClusterSettings.of(EchoWorker.class).withRestart(policy))) {
      loop.run(() -> {
        cluster.on("fork", a -> out.add("fork " + ((ClusterWorker) a[0]).id()));
        cluster.on("exit", a -> out.add("exit " + ((ClusterWorker) a[0]).id() + " " + a[1]));
        cluster.on("error", a -> out.add("error " + ((Throwable) a[0]).getMessage()));
        cluster.fork(Map.of("CRASH", "1"));
      });
    }
    loop.close();
    assertThat(out).hasSize(9);
    assertThat(out.subList(0, 8)).containsExactly("fork 1", "exit 1 3", "fork 2", "exit 2 3",
        "fork 3", "exit 3 3", "fork 4", "exit 4 3");
    assertThat(out.get(8)).startsWith("error worker 4").contains("after 3 restarts",
        "not restarted again", "maxRestarts 3");
  }

  @Test
  void backOffDoublesUpToItsMaximum() {
    RestartPolicy p =
        new RestartPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 9, Duration.ofMinutes(1));
    assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(30)))
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
            Duration.ofMillis(500), Duration.ofMillis(500));
  }
}
