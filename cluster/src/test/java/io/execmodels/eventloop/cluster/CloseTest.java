package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * close() disconnects workers, which exit on their own with code 0; one that does not end within
 * the grace is killed; no worker process is left either way.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CloseTest {

  @Test
  void closeDisconnectsThenKillsWhatIsLeftAndLeavesNoProcess() throws Exception {
    CompletableFuture<List<Long>> online = new CompletableFuture<>();
    Map<Integer, String> exits = new ConcurrentHashMap<>();
    PrimaryThread primary = new PrimaryThread(
        ClusterSettings.of(EchoWorker.class).withDisconnectGrace(Duration.ofSeconds(2)),
        cluster -> {
          ClusterWorker polite = cluster.fork();
          ClusterWorker stubborn = cluster.fork(Map.of("STUBBORN", "1"));
          cluster.on("online", a -> {
            if (polite.isConnected() && stubborn.isConnected()) {
              online.complete(List.of(polite.pid(), stubborn.pid()));
            }
          });
          cluster.on("exit", a -> exits.put(((ClusterWorker) a[0]).id(), a[1] + " " + a[2]));
        });
    List<Long> pids;
    try (primary) {
      pids = online.get(60, TimeUnit.SECONDS);
    }
    assertThat(exits).containsExactlyInAnyOrderEntriesOf(
        Map.of(1, "0 null", 2, "null SIGKILL"));
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("worker pid " + pid + " after close()").isFalse();
    }
  }
}
