package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two workers listen on one port with SO_REUSEPORT and both serve; a worker killed with SIGKILL
 * is replaced on the same port by the restart policy, and the port keeps answering; close()
 * leaves no worker process.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SharedPortTest {

  /** Fresh connections a test makes at most while waiting to see a given pid answer. */
  private static final int TRIES = 500;

  @Test
  void twoWorkersServeOnePortAndAKilledOneIsReplaced() throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    CompletableFuture<Void> bothListening = new CompletableFuture<>();
    CompletableFuture<Long> replacement = new CompletableFuture<>();
    CompletableFuture<Object[]> crashed = new CompletableFuture<>();
    List<Long> pids = new CopyOnWriteArrayList<>();
    ClusterSettings settings = ClusterSettings.of(EchoWorker.class)
        .withRestart(RestartPolicy.defaults());
    PrimaryThread primary = new PrimaryThread(settings, cluster -> {
      cluster.on("online", a -> pids.add(((ClusterWorker) a[0]).pid()));
      cluster.on("listening", a -> {
        if (crashed.isDone()) {
          replacement.complete(((ClusterWorker) a[0]).pid());
        }
      });
      ClusterWorker one = cluster.fork(Map.of("SERVE_PORT", "0"));
      one.once("listening", a -> {
        int p = Integer.parseInt(((String) a[0]).substring(((String) a[0]).lastIndexOf(':') + 1));
        port.complete(p);
        ClusterWorker two = cluster.fork(Map.of("SERVE_PORT", Integer.toString(p)));
        two.once("listening", b -> bothListening.complete(null));
      });
      cluster.on("exit", a -> crashed.complete(new Object[] {a[2]}));
    });
    try (primary) {
      bothListening.get(60, TimeUnit.SECONDS);
      int p = port.get();
      assertThat(pids).hasSize(2);
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < TRIES && seen.size() < 2; i++) {
        seen.add(Long.parseLong(Http.get(p)));
      }
      assertThat(seen).as("the pids that answered").containsExactlyInAnyOrderElementsOf(pids);

      // Worker 2: forked with the shared port in its environment, which its replacement gets.
      long victim = pids.get(1);
      ProcessHandle.of(victim).orElseThrow().destroyForcibly();
      assertThat(crashed.get(30, TimeUnit.SECONDS)[0]).isEqualTo("SIGKILL");
      for (int i = 0; i < 20; i++) {
        // The dead worker's socket is closed once it is reaped: every connection now reaches
        // a live worker.
        assertThat(Long.parseLong(Http.get(p))).isNotEqualTo(victim);
      }
      long fresh = replacement.get(60, TimeUnit.SECONDS);
      boolean answered = false;
      for (int i = 0; i < TRIES && !answered; i++) {
        answered = Long.parseLong(Http.get(p)) == fresh;
      }
      assertThat(answered).as("the replacement answers on the port").isTrue();
    }
    assertThat(pids).hasSize(3);
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("worker pid " + pid + " after close()").isFalse();
    }
  }
}
