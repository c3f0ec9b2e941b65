package io.execmodels.bench.cluster;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.Timeout;
import io.execmodels.eventloop.cluster.Cluster;
import io.execmodels.eventloop.cluster.ClusterSettings;
import io.execmodels.eventloop.cluster.ClusterWorker;
import io.execmodels.eventloop.cluster.RestartPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The twin of the Node anchor's {@code cluster_lifecycle.js}: (1) fork n {@link
 * ClusterHttpWorker}s until each emitted {@code listening}, then kill them all; (2) with n
 * workers up, the message {@code "crash"} to one (it exits with status 1) until its replacement,
 * forked by the cluster's {@link RestartPolicy} with no back-off (the anchor re-forks in its
 * {@code exit} handler at once), emits {@code listening}. One warm-up rep of each, then {@code
 * reps}; prints {@code name: median ms} lines as the anchor does, and {@code # name: every rep}.
 *
 * <pre>ClusterLifecycle [reps=5] [workers=2]</pre>
 *
 * <p>The primary's loop runs on a thread of its own; this thread drives it, each step waiting at
 * most 60 s. Worker JVM options per {@code WORKER_JIT} ({@link WorkerJit}).
 */
public final class ClusterLifecycle {

  private static final long STEP_SECONDS = 60;

  private final EventLoop loop = new EventLoop();
  private final Cluster cluster;
  /** The pending crash's known workers and the future its replacement's listening completes. */
  private final AtomicReference<Crash> crash = new AtomicReference<>();

  private record Crash(Set<Integer> before, int victim, long t0, CompletableFuture<Double> exited,
      CompletableFuture<Double> replaced) {}

  private ClusterLifecycle() {
    ClusterSettings base = ClusterSettings.of(ClusterHttpWorker.class);
    cluster = new Cluster(loop, base
        .withProcess(base.process().withJvmOptions(WorkerJit.options()))
        .withRestart(new RestartPolicy(Duration.ZERO, Duration.ZERO, 1000,
            Duration.ofMinutes(10))));
  }

  /** Runs the measurements; see the type's description for the arguments. */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    new ClusterLifecycle().run(reps, n);
  }

  private void run(int reps, int n) throws Exception {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Timeout[] keepAlive = new Timeout[1];
    Thread primary = new Thread(() -> {
      try {
        loop.run(() -> {
          // Holds the loop between steps, when no worker does.
          keepAlive[0] = loop.setInterval(() -> { }, 60_000);
          cluster.on("listening", a -> {
            Crash c = crash.get();
            ClusterWorker w = (ClusterWorker) a[0];
            if (c != null && !c.before().contains(w.id())) {
              c.replaced().complete((System.nanoTime() - c.t0()) / 1e6);
            }
          });
          cluster.on("exit", a -> {
            Crash c = crash.get();
            if (c != null && ((ClusterWorker) a[0]).id() == c.victim()) {
              c.exited().complete((System.nanoTime() - c.t0()) / 1e6);
            }
          });
        });
        ended.complete(null);
      } catch (Throwable t) {
        ended.completeExceptionally(t);
      }
    }, "primary-loop");
    primary.start();
    try {
      List<Double> fork = new ArrayList<>();
      for (int r = 0; r <= reps; r++) {
        List<ClusterWorker> ws = new ArrayList<>();
        double ms = forkAll(n, ws);
        stopAll(ws);
        if (r > 0) {
          fork.add(ms);
        }
      }
      emit("cluster_fork_" + n + "_workers_until_listening", fork);
      List<ClusterWorker> ws = new ArrayList<>();
      forkAll(n, ws);
      List<Double> notice = new ArrayList<>();
      List<Double> recover = new ArrayList<>();
      for (int r = 0; r <= reps; r++) {
        double[] ms = crashOnce();
        if (r > 0) {
          notice.add(ms[0]);
          recover.add(ms[1]);
        }
      }
      emit("cluster_worker_crash_to_primary_exit_event", notice);
      emit("cluster_worker_crash_to_replacement_listening", recover);
    } finally {
      onLoop(() -> loop.clearInterval(keepAlive[0]));
      cluster.close();
      ended.get(STEP_SECONDS, TimeUnit.SECONDS);
      primary.join();
      loop.close();
    }
  }

  /** Forks n workers into {@code ws}; returns the ms from the first fork until all listen. */
  private double forkAll(int n, List<ClusterWorker> ws) throws Exception {
    CompletableFuture<Double> all = new CompletableFuture<>();
    onLoop(() -> {
      long t0 = System.nanoTime();
      int[] left = {n};
      for (int i = 0; i < n; i++) {
        ClusterWorker w = cluster.fork(Map.of("MODE", "hello", "PORT", port()));
        ws.add(w);
        w.once("listening", a -> {
          if (--left[0] == 0) {
            all.complete((System.nanoTime() - t0) / 1e6);
          }
        });
      }
    });
    return all.get(STEP_SECONDS, TimeUnit.SECONDS);
  }

  /** Kills the workers and waits for each one's exit. */
  private void stopAll(List<ClusterWorker> ws) throws Exception {
    List<CompletableFuture<Void>> exits = new ArrayList<>();
    onLoop(() -> {
      for (ClusterWorker w : ws) {
        CompletableFuture<Void> e = new CompletableFuture<>();
        exits.add(e);
        w.once("exit", a -> e.complete(null));
        w.kill();
      }
    });
    CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
        .get(STEP_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Crashes one live worker; returns the ms until its exit event and until its replacement
   * listens.
   */
  private double[] crashOnce() throws Exception {
    CompletableFuture<Double> exited = new CompletableFuture<>();
    CompletableFuture<Double> replaced = new CompletableFuture<>();
    onLoop(() -> {
      Set<Integer> before = new HashSet<>(cluster.workers().keySet());
      ClusterWorker victim = cluster.workers().values().iterator().next();
      crash.set(new Crash(before, victim.id(), System.nanoTime(), exited, replaced));
      victim.send("crash");
    });
    double[] ms = {exited.get(STEP_SECONDS, TimeUnit.SECONDS),
        replaced.get(STEP_SECONDS, TimeUnit.SECONDS)};
    crash.set(null);
    return ms;
  }

  private static String port() {
    return System.getenv().getOrDefault("PORT", "18090");
  }

  /** Runs {@code action} on the loop and waits for it. */
  private void onLoop(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        action.run();
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    done.get(STEP_SECONDS, TimeUnit.SECONDS);
  }

  private static void emit(String name, List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int k = s.size();
    double median = k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    System.out.printf("%s: %.1f ms%n# %s: %s%n", name, median, name, values.stream()
        .map(v -> String.format("%.1f", v)).toList());
  }
}
