package io.execmodels.bench;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Job;
import io.execmodels.core.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@code grid} model's figures (issue 19), in one run: the round trip of an empty job, and
 * the throughput of 1 ms and 10 ms CPU jobs, on the local {@code process-pool} with W workers, on
 * {@code grid} with one member embedded in this JVM running W jobs at once, and on {@code grid}
 * as the client of W member JVMs of one worker each ({@code GridMember}, on loopback); and
 * Hazelcast's own bare {@code IExecutorService} round trip, a plain {@code Callable} to a plain
 * member in this JVM, for the "our layer adds little" target. A plain main, not JMH: members are
 * processes. Rounds interleave the set-ups, each round starting from the next one; each figure is the median
 * of the rounds.
 *
 * <p>A job is a fixed amount of arithmetic, calibrated in this JVM to take 1 ms or 10 ms on one
 * core once compiled, so that throughput compares the engines at equal work; every set-up runs
 * the same jobs from 2W tasks at once. Run, after {@code ./mvnj -B -q -pl bench -am package
 * -DskipTests}: {@code java -cp bench/target/benchmarks.jar io.execmodels.bench.GridBench [W]
 * [rounds]} (defaults 3 and 3).
 */
public final class GridBench {

  private GridBench() {}

  /** A fixed amount of arithmetic (xorshift steps), the same on every set-up. */
  record Spin(long iterations) implements Job<Long> {
    @Override
    public Long compute() {
      return spin(iterations);
    }
  }

  /** The empty job. */
  record Empty() implements Job<Object> {
    @Override
    public Object compute() {
      return null;
    }
  }

  /** Hazelcast's bare job: a plain {@code Callable}, no carrier, no allow-list. */
  static final class BareEmpty implements Callable<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object call() {
      return null;
    }
  }

  /**
   * {@code n} steps of xorshift64. Not an LCG: the JIT folds an LCG's unrolled steps into one
   * multiply and add (C2 ran 14 million of them a millisecond here), so its cost depended on how
   * each JVM had compiled it, and a "10 ms" job took a few milliseconds on one set-up and more on
   * another; shifts and xors do not fold, so a step costs the same wherever it runs compiled.
   */
  static long spin(long n) {
    long x = 88172645463325252L;
    for (long i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }

  /** Entry point: {@code [workers] [rounds]}. */
  public static void main(String[] args) throws Exception {
    int w = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long perMs = calibrate();
    System.out.printf("# %d workers, %d rounds, %d CPUs, load average %s, 1 ms = %d iterations%n",
        w, rounds, Runtime.getRuntime().availableProcessors(), loadAverage(), perMs);
    Map<String, List<Double>> figures = new LinkedHashMap<>();
    List<Process> members = new ArrayList<>();
    String cluster = "gridbench-" + ProcessHandle.current().pid();
    HazelcastInstance bare = null;
    List<String> order = List.of("process-pool", "grid-1-embedded", "grid-" + w + "-jvms");
    Map<String, ExecutionModel> models = new LinkedHashMap<>();
    try {
      String addresses = startMembers(members, w, cluster);
      models.put(order.get(0), ExecutionModels.open(io.execmodels.core.Config.defaults()
          .withModel("process-pool").withParallelism(w)));
      models.put(order.get(1), ExecutionModels.open(io.execmodels.core.Config.defaults()
          .withModel("grid").withOption("grid.workersPerMember", String.valueOf(w))));
      models.put(order.get(2), ExecutionModels.open(io.execmodels.core.Config.defaults()
          .withModel("grid").withOption("grid.members", addresses)
          .withOption("grid.clusterName", cluster).withOption("grid.workersPerMember", "1")));
      bare = bareMember(w);
      for (var e : models.entrySet()) {
        warm(e.getValue(), w, perMs);
      }
      bareRoundTrip(bare, 2000);
      for (int r = 0; r < rounds; r++) {
        add(figures, "bare-hazelcast-embedded rt_us", bareRoundTrip(bare, 2000));
        // Each round starts from another set-up, so that a burst of load elsewhere on a shared
        // machine does not fall on the same one every round.
        for (int k = 0; k < order.size(); k++) {
          String name = order.get((k + r) % order.size());
          ExecutionModel m = models.get(name);
          add(figures, name + " rt_us", roundTrip(m, 1000));
          add(figures, name + " 1ms_jobs_per_s", throughput(m, w, perMs, 200 * w));
          add(figures, name + " 10ms_jobs_per_s", throughput(m, w, 10 * perMs, 40 * w));
        }
      }
    } finally {
      for (ExecutionModel m : models.values()) {
        m.close();
      }
      if (bare != null) {
        bare.shutdown();
      }
      for (Process p : members) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    System.out.println("| figure | median | rounds |");
    System.out.println("| --- | --- | --- |");
    for (var e : figures.entrySet()) {
      System.out.printf("| %s | %.1f | %s |%n", e.getKey(), median(e.getValue()),
          e.getValue().stream().map(v -> String.format("%.1f", v))
              .collect(Collectors.joining(" ")));
    }
    double pp = median(figures.get("process-pool 10ms_jobs_per_s"));
    double jvms = median(figures.get(order.get(2) + " 10ms_jobs_per_s"));
    System.out.printf("target 1: %d member JVMs / process-pool, 10 ms jobs: %.2fx (>= 0.5)%n", w,
        jvms / pp);
    System.out.printf("target 1 at 1 ms: %.2fx%n",
        median(figures.get(order.get(2) + " 1ms_jobs_per_s"))
            / median(figures.get("process-pool 1ms_jobs_per_s")));
    System.out.printf("target 2: grid embedded empty-job rt / bare IExecutorService rt: %.2fx"
        + " (<= 2)%n", median(figures.get(order.get(1) + " rt_us"))
            / median(figures.get("bare-hazelcast-embedded rt_us")));
  }

  private static void add(Map<String, List<Double>> figures, String name, double v) {
    figures.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
    System.err.printf("# %s: %.1f%n", name, v);
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** Iterations of {@link #spin} per millisecond: the fastest of 20 timings, after a warm-up. */
  private static long calibrate() {
    long n = 1_000_000;
    for (int i = 0; i < 200; i++) {
      spin(n);
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      spin(n);
      best = Math.min(best, System.nanoTime() - t0);
    }
    return Math.max(1, n * 1_000_000 / best);
  }

  private static void warm(ExecutionModel m, int w, long perMs) throws Exception {
    roundTrip(m, 2000);
    throughput(m, w, perMs, 200);
  }

  /** Microseconds per empty job, sent one after another from one task. */
  private static double roundTrip(ExecutionModel m, int n) throws Exception {
    return m.run(ctx -> {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        ctx.compute(new Empty());
      }
      return (System.nanoTime() - t0) / 1e3 / n;
    });
  }

  /** Jobs a second: {@code jobs} jobs of {@code iterations} each, from 2W tasks at once. */
  private static double throughput(ExecutionModel m, int w, long iterations, int jobs)
      throws Exception {
    int tasks = 2 * w;
    return m.run(ctx -> {
      long t0 = System.nanoTime();
      List<Task<Object>> all = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        int mine = jobs / tasks + (t < jobs % tasks ? 1 : 0);
        all.add(ctx.spawn(c -> {
          for (int i = 0; i < mine; i++) {
            c.compute(new Spin(iterations));
          }
          return null;
        }));
      }
      ctx.awaitAll(all);
      return jobs / ((System.nanoTime() - t0) / 1e9);
    });
  }

  /** A plain member in this JVM, loopback, alone, with an executor of {@code w} threads. */
  private static HazelcastInstance bareMember(int w) {
    Config c = new Config();
    c.setClusterName("gridbench-bare-" + ProcessHandle.current().pid());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.getNetworkConfig().setPort(5901).setPortAutoIncrement(true);
    c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    c.getExecutorConfig("bare").setPoolSize(w);
    return Hazelcast.newHazelcastInstance(c);
  }

  /** Microseconds per bare empty {@code Callable}, to the local member, one after another. */
  private static double bareRoundTrip(HazelcastInstance hz, int n) throws Exception {
    IExecutorService ex = hz.getExecutorService("bare");
    Member local = hz.getCluster().getLocalMember();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ex.submitToMember(new BareEmpty(), local).get();
    }
    return (System.nanoTime() - t0) / 1e3 / n;
  }

  /** Starts {@code n} GridMember JVMs of one worker each; answers their addresses. */
  private static String startMembers(List<Process> into, int n, String cluster)
      throws IOException, InterruptedException {
    List<Integer> ports = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      ports.add(held.get(i).getLocalPort());
    }
    for (ServerSocket s : held) {
      s.close();
    }
    String addresses = ports.stream().map(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<BufferedReader> outs = new ArrayList<>();
    for (int port : ports) {
      Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp",
          System.getProperty("java.class.path"), "io.execmodels.grid.GridMember",
          "grid.clusterName=" + cluster, "grid.members=" + addresses, "grid.port=" + port,
          "grid.workersPerMember=1", "--until-stdin-closes")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      into.add(p);
      outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8)));
    }
    for (BufferedReader r : outs) {
      String line = r.readLine();
      if (line == null || !line.endsWith(" is up")) {
        throw new IllegalStateException("a member did not start: " + line);
      }
    }
    return addresses;
  }

  private static String loadAverage() {
    try {
      return Arrays.toString(java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim()
          .split(" ", 4)).replaceAll(",[^,]*]$", "]");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
