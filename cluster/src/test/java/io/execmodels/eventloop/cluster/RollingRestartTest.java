package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.Uninterruptibles;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart of two workers sharing a port, under a steady load of clients each making
 * one request per fresh connection: every request is answered, the replacements answer after it,
 * the old workers are gone. A replacement that crashes, or that never listens, stops the roll
 * and leaves the old workers serving.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RollingRestartTest {

  /** Client threads, each making sequential requests on fresh connections. */
  private static final int CLIENTS = 6;
  /** Requests each client makes at most while waiting to see the replacements answer. */
  private static final int TRIES = 2_000;

  @TempDir
  Path dir;

  /**
   * Two workers on one shared port, listening; each gets {@code env} besides the port. Both are
   * forked with the port number, since a replacement gets the environment of the worker it
   * replaces: a port free a moment ago, as no worker can tell another its ephemeral port first.
   */
  private static final class TwoWorkers {
    final int port;
    final CompletableFuture<List<Long>> pids = new CompletableFuture<>();
    final List<Integer> forks = new CopyOnWriteArrayList<>();
    final PrimaryThread primary;

    TwoWorkers(ClusterSettings settings, Map<String, String> env) throws IOException {
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      Map<String, String> all = new HashMap<>(env);
      all.put("SERVE_PORT", Integer.toString(port));
      primary = new PrimaryThread(settings, cluster -> {
        cluster.on("fork", a -> forks.add(((ClusterWorker) a[0]).id()));
        ClusterWorker one = cluster.fork(all);
        ClusterWorker two = cluster.fork(all);
        cluster.on("listening", a -> {
          if (one.listeningCount() == 1 && two.listeningCount() == 1) {
            pids.complete(List.of(one.pid(), two.pid()));
          }
        });
      });
    }

    /** Starts a rolling restart on the loop; its outcome, as a future. */
    CompletableFuture<List<ClusterWorker>> roll() throws Exception {
      AtomicReference<CompletableFuture<List<ClusterWorker>>> f = new AtomicReference<>();
      primary.onLoop(() -> f.set(primary.cluster.rollingRestart().toCompletableFuture()));
      return f.get();
    }

    /** The pids of the workers not exited, on the loop. */
    Set<Long> livePids() throws Exception {
      Set<Long> live = new HashSet<>();
      primary.onLoop(() -> primary.cluster.workers().values().forEach(w -> live.add(w.pid())));
      return live;
    }
  }

  /** Clients making requests until stopped; each request's outcome is recorded. */
  private static final class Load implements AutoCloseable {
    final List<Long> answers = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final CountDownLatch warm = new CountDownLatch(CLIENTS * 10);
    final List<Thread> threads = new ArrayList<>();

    Load(int port) {
      for (int i = 0; i < CLIENTS; i++) {
        Thread t = new Thread(() -> {
          while (!stop.get()) {
            try {
              answers.add(Long.parseLong(Http.get(port)));
              warm.countDown();
            } catch (IOException | RuntimeException e) {
              failures.add(e);
            }
          }
        }, "client-" + i);
        threads.add(t);
        t.start();
      }
    }

    /** The pids that answered from answer number {@code mark} on. */
    Set<Long> since(int mark) {
      List<Long> all = List.copyOf(answers);
      return new HashSet<>(all.subList(mark, all.size()));
    }

    @Override
    public void close() {
      stop.set(true);
      for (Thread t : threads) {
        // Each request is bounded by Http's 10 s socket timeout.
        Uninterruptibles.joinUninterruptibly(t, 30, TimeUnit.SECONDS);
        assertThat(t.isAlive()).as(t.getName() + " ended").isFalse();
      }
    }
  }

  @Test
  void aRollingRestartUnderLoadLosesNoRequest() throws Exception {
    TwoWorkers cluster = new TwoWorkers(ClusterSettings.of(EchoWorker.class), Map.of());
    List<Long> before;
    List<Long> after = new ArrayList<>();
    int answeredBefore;
    int answeredDuring;
    Load load;
    try (cluster.primary) {
      before = cluster.pids.get(60, TimeUnit.SECONDS);
      load = new Load(cluster.port);
      try (load) {
        assertThat(load.warm.await(60, TimeUnit.SECONDS)).as("the load is under way").isTrue();
        answeredBefore = load.answers.size();
        List<ClusterWorker> replacements = cluster.roll().get(120, TimeUnit.SECONDS);
        answeredDuring = load.answers.size() - answeredBefore;
        for (ClusterWorker w : replacements) {
          after.add(w.pid());
        }
        assertThat(cluster.livePids()).containsExactlyInAnyOrderElementsOf(after);
        int mark = load.answers.size();
        for (int i = 0; i < TRIES && !load.since(mark).containsAll(after); i++) {
          Thread.sleep(5); // the clients make the requests; this only waits to see them
        }
        assertThat(load.since(mark)).as("pids answering after the roll")
            .containsExactlyInAnyOrderElementsOf(after);
      }
      assertThat(load.failures).as("failed requests").isEmpty();
      assertThat(answeredDuring).as("requests answered during the roll").isPositive();
      assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
      for (long pid : before) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("old worker pid " + pid + " after the roll").isFalse();
      }
      assertThat(cluster.forks).hasSize(4);
    }
    for (long pid : after) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("worker pid " + pid + " after close()").isFalse();
    }
  }

  @Test
  void aReplacementThatCrashesStopsTheRollAndKeepsTheOldWorker() throws Exception {
    Path bad = dir.resolve("crash");
    // Restarts at once: one of the failed replacement would be forked before the test looks.
    RestartPolicy atOnce = new RestartPolicy(Duration.ZERO, Duration.ZERO, 5, Duration.ofMinutes(1));
    TwoWorkers cluster = new TwoWorkers(
        ClusterSettings.of(EchoWorker.class).withRestart(atOnce),
        Map.of("CRASH_IF_EXISTS", bad.toString()));
    try (cluster.primary) {
      List<Long> before = cluster.pids.get(60, TimeUnit.SECONDS);
      Files.createFile(bad);
      Throwable failure = rejection(cluster.roll());
      assertThat(failure).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("rolling restart stopped")
          .hasMessageContaining("the replacement of worker 1")
          .hasMessageContaining("exited (code 3, signal null) before it was ready")
          .hasMessageContaining("is kept and 1 more not replaced");
      assertThat(cluster.livePids()).containsExactlyInAnyOrderElementsOf(before);
      // The failed replacement was not restarted: its fork was the only one after the two.
      assertThat(cluster.forks).containsExactly(1, 2, 3);
      assertAnswers(cluster.port, before);
    }
  }

  @Test
  void aReplacementThatNeverListensIsKilledAtTheStepTimeout() throws Exception {
    Path deaf = dir.resolve("deaf");
    TwoWorkers cluster = new TwoWorkers(
        ClusterSettings.of(EchoWorker.class).withRollStepTimeout(Duration.ofSeconds(5)),
        Map.of("DEAF_IF_EXISTS", deaf.toString()));
    List<Long> pids = new CopyOnWriteArrayList<>();
    try (cluster.primary) {
      List<Long> before = cluster.pids.get(60, TimeUnit.SECONDS);
      cluster.primary.onLoop(() -> cluster.primary.cluster.on("online",
          a -> pids.add(((ClusterWorker) a[0]).pid())));
      Files.createFile(deaf);
      Throwable failure = rejection(cluster.roll());
      assertThat(failure).hasMessageContaining("was not listening within PT5S");
      assertThat(cluster.livePids()).containsExactlyInAnyOrderElementsOf(before);
      assertThat(pids).hasSize(1);
      assertThat(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false))
          .as("the replacement that never listened").isFalse();
      assertAnswers(cluster.port, before);
    }
  }

  private static Throwable rejection(CompletableFuture<?> roll) throws Exception {
    try {
      roll.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the rolling restart succeeded");
  }

  /** Requests on fresh connections until both {@code pids} have answered, and only they. */
  private static void assertAnswers(int port, List<Long> pids) throws IOException {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < TRIES && !seen.containsAll(pids); i++) {
      seen.add(Long.parseLong(Http.get(port)));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(pids);
  }
}
