package io.execmodels.bench.gil;

import io.execmodels.core.Config;
import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.gilsim.Gil;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleUnaryOperator;

/**
 * The figures of CPython's GIL anchors ({@code gil_cpu.py}, {@code gil_io.py}, {@code
 * gil_handoff.py}, {@code gil_convoy.py}), measured the same way on the {@code gil-threads} model
 * through core's API: threads are tasks, Python's eval-breaker checks are {@code ctx.checkpoint()}
 * calls in the CPU loop, {@code time.sleep} is {@code ctx.sleep}, and a socket call is a {@code
 * ctx.blocking} call. Prints {@code name: value unit} lines under the anchors' names (the median
 * of several repetitions), so {@code bench/vs-python-gil.sh} can pair them.
 *
 * <p>The CPU unit is calibrated to take as long as the anchor's countdown unit typically takes
 * here (about 100 ms), so that a switch interval is the same share of a unit on both sides.
 * Not measured: the anchors' "pinned to one CPU" variants.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.execmodels.bench.gil.GilBench}; {@code
 * -Dscale=0.2} shrinks the loops for a smoke run, {@code -Dparts=cpu,io,handoff,convoy} picks
 * the parts.
 */
public final class GilBench {
  private static final double SCALE = Double.parseDouble(System.getProperty("scale", "1"));
  private static final int REPS = 5;
  /** How long one CPU unit should take: the anchor's 5,000,000-step countdown, here. */
  private static final long UNIT_NANOS = (long) (100e6 * SCALE);

  private GilBench() {}

  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open(Config.defaults().withModel("gil-threads"))) {
      String parts = System.getProperty("parts", "cpu,io,handoff,convoy");
      model.run(ctx -> {
        if (parts.contains("cpu")) {
          cpu(ctx);
        }
        if (parts.contains("io")) {
          io(ctx);
        }
        if (parts.contains("handoff")) {
          handoff(ctx);
        }
        if (parts.contains("convoy")) {
          convoy(ctx);
        }
        return null;
      });
    }
  }

  /** The fixed CPU job: {@code steps} steps, each with the eval breaker's check. */
  static long countdown(Ctx ctx, long steps) {
    long x = 0;
    for (long n = steps; n > 0; n--) {
      x += n ^ (x >>> 3);
      ctx.checkpoint();
    }
    return x;
  }

  /** Steps that take {@link #UNIT_NANOS} alone, measured after a warm-up. */
  private static long calibrate(Ctx ctx) {
    long steps = 1_000_000;
    countdown(ctx, steps * 20);
    while (true) {
      long t = System.nanoTime();
      countdown(ctx, steps);
      long took = System.nanoTime() - t;
      if (took > 50_000_000) {
        return (long) ((double) steps * UNIT_NANOS / took);
      }
      steps *= 2;
    }
  }

  private static double threads(Ctx ctx, int k, long perThread) {
    long t = System.nanoTime();
    List<Task<Long>> ts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      ts.add(ctx.spawn(c -> countdown(c, perThread)));
    }
    ctx.awaitAll(ts);
    return System.nanoTime() - t;
  }

  private static double sequential(Ctx ctx, long unit) {
    long t = System.nanoTime();
    countdown(ctx, unit);
    countdown(ctx, unit);
    return System.nanoTime() - t;
  }

  private static double withInterval(Duration interval, java.util.function.DoubleSupplier run) {
    Gil gil = Gil.current();
    Duration old = gil.switchInterval();
    gil.setSwitchInterval(interval);
    try {
      return run.getAsDouble();
    } finally {
      gil.setSwitchInterval(old);
    }
  }

  private static void cpu(Ctx ctx) {
    long unit = calibrate(ctx);
    Duration fast = Duration.ofNanos(500_000);
    Duration slow = Duration.ofMillis(50);
    String[] names = {"gil_cpu_seq_2units_wall", "gil_cpu_2threads_wall", "gil_cpu_4threads_wall",
        "gil_cpu_2threads_si0.5ms_wall", "gil_cpu_4threads_si0.5ms_wall",
        "gil_cpu_2threads_si50ms_wall", "gil_cpu_4threads_si50ms_wall"};
    double[][] samples = new double[names.length][REPS];
    for (int r = 0; r < REPS; r++) {
      samples[0][r] = sequential(ctx, unit);
      samples[1][r] = threads(ctx, 2, unit);
      samples[2][r] = threads(ctx, 4, unit / 2);
      samples[3][r] = withInterval(fast, () -> threads(ctx, 2, unit));
      samples[4][r] = withInterval(fast, () -> threads(ctx, 4, unit / 2));
      samples[5][r] = withInterval(slow, () -> threads(ctx, 2, unit));
      samples[6][r] = withInterval(slow, () -> threads(ctx, 4, unit / 2));
    }
    for (int i = 0; i < names.length; i++) {
      emit(names[i], samples[i], "ms", ns -> ns / 1e6);
    }
    for (int i : new int[] {1, 2, 3, 4, 5, 6}) {
      double[] ratio = new double[REPS];
      for (int r = 0; r < REPS; r++) {
        ratio[r] = samples[i][r] / samples[0][r];
      }
      emit(names[i].replace("_wall", "_vs_seq"), ratio, "x", v -> v);
    }
  }

  private static void io(Ctx ctx) {
    int threads = 50;
    int sleeps = 20;
    Duration d = Duration.ofMillis(10);
    double[] thr = new double[REPS];
    for (int r = 0; r < REPS; r++) {
      long t = System.nanoTime();
      List<Task<Void>> ts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        ts.add(ctx.spawn(c -> {
          for (int s = 0; s < sleeps; s++) {
            c.sleep(d);
          }
          return null;
        }));
      }
      ctx.awaitAll(ts);
      thr[r] = System.nanoTime() - t;
    }
    double[] seq = new double[3];
    for (int r = 0; r < seq.length; r++) {
      long t = System.nanoTime();
      for (int i = 0; i < 10 * sleeps; i++) {
        ctx.sleep(d);
      }
      seq[r] = (System.nanoTime() - t) * (threads / 10.0);
    }
    emit("gil_io_50threads_x20_sleep10ms_wall", thr, "ms", ns -> ns / 1e6);
    emit("gil_io_sequential_1000_sleep10ms_wall_projected", seq, "ms", ns -> ns / 1e6);
    double seqMedian = median(seq);
    emit("gil_io_threads_speedup", thr, "x", t -> seqMedian / t);
  }

  /** A task that holds the GIL, reaching a checkpoint at every step, until stopped. */
  private static final class Spinner {
    final AtomicBoolean stop = new AtomicBoolean();
    final Ctx ctx;
    final Task<Void> task;

    Spinner(Ctx ctx) {
      this.ctx = ctx;
      this.task = ctx.spawn(c -> {
        long x = 0;
        while (!stop.get()) {
          x += x ^ 7;
          c.checkpoint();
        }
        return null;
      });
      ctx.sleep(Duration.ofMillis(20)); // let it own the GIL
    }

    /** Stops it and waits for it. */
    void close() {
      stop.set(true);
      ctx.await(task);
    }
  }

  /** The median overshoot of {@code n} sleeps of 1 ms. */
  private static double probe(Ctx ctx, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      ctx.sleep(Duration.ofMillis(1));
      out[i] = System.nanoTime() - t - 1e6;
    }
    return median(out);
  }

  private static void handoff(Ctx ctx) {
    double[] base = new double[5];
    for (int i = 0; i < base.length; i++) {
      base[i] = probe(ctx, 40);
    }
    emit("gil_sleep1ms_overshoot_alone", base, "ms", ns -> ns / 1e6);
    double b = median(base);
    Object[][] intervals = {{Duration.ofMillis(5), "default5ms"}, {Duration.ofMillis(1), "si1ms"},
        {Duration.ofMillis(20), "si20ms"}};
    for (Object[] iv : intervals) {
      Duration interval = (Duration) iv[0];
      double[] vals = new double[5];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = withInterval(interval, () -> {
          Spinner spinner = new Spinner(ctx);
          try {
            return probe(ctx, interval.toMillis() < 10 ? 40 : 15) - b;
          } finally {
            spinner.close();
          }
        });
      }
      emit("gil_handoff_wait_" + iv[1], vals, "ms", ns -> ns / 1e6);
    }
    for (Object[] iv : Arrays.copyOf(intervals, 2)) {
      double[] vals = new double[5];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = withInterval((Duration) iv[0], () -> slices(ctx, Duration.ofMillis(400)));
      }
      emit("gil_cpu_slice_2threads_" + iv[1], vals, "ms", ns -> ns / 1e6);
    }
  }

  /** Two spinning tasks; the median time between two changes of the GIL's holder. */
  private static double slices(Ctx ctx, Duration duration) {
    long[] owner = {-1};
    List<Long> switches = new ArrayList<>();
    long end = System.nanoTime() + duration.toNanos();
    List<Task<Void>> ts = new ArrayList<>();
    for (long me = 0; me < 2; me++) {
      long id = me;
      ts.add(ctx.spawn(c -> {
        while (true) {
          // Plain fields: only the GIL's holder touches them, and the GIL orders the holders.
          if (owner[0] != id) {
            owner[0] = id;
            switches.add(System.nanoTime());
          }
          if (System.nanoTime() > end) {
            return null;
          }
          c.checkpoint();
        }
      }));
    }
    ctx.awaitAll(ts);
    List<Double> d = new ArrayList<>();
    for (int i = 2; i < switches.size(); i++) {
      d.add((double) (switches.get(i) - switches.get(i - 1)));
    }
    return d.isEmpty() ? Double.NaN : median(d.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** An echo peer outside the GIL (CPython's anchor forks a process, with its own GIL). */
  private static final class Echo implements AutoCloseable {
    final Path dir;
    final SocketChannel client;
    final Thread thread;

    Echo() throws IOException, InterruptedException {
      dir = Files.createTempDirectory("gilbench");
      Path path = dir.resolve("echo.sock");
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      thread = Thread.ofPlatform().daemon(true).name("echo").start(() -> {
        try (server; SocketChannel peer = server.accept()) {
          ByteBuffer buf = ByteBuffer.allocate(64);
          while (peer.read(buf) > 0) {
            buf.flip();
            while (buf.hasRemaining()) {
              peer.write(buf);
            }
            buf.clear();
          }
        } catch (IOException e) {
          // the client closed: the echo ends
        }
      });
      client = SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    @Override
    public void close() throws IOException {
      client.close();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Files.deleteIfExists(dir.resolve("echo.sock"));
      Files.deleteIfExists(dir);
    }
  }

  /** {@code n} one-byte round trips, each call a blocking call (the GIL released). */
  private static double roundTrips(Ctx ctx, SocketChannel s, int n, List<Double> lat)
      throws Exception {
    ByteBuffer out = ByteBuffer.allocate(1);
    ByteBuffer in = ByteBuffer.allocate(64);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      out.clear().put((byte) 'x').flip();
      ctx.blocking(() -> s.write(out));
      in.clear();
      ctx.blocking(() -> s.read(in));
      lat.add((double) (System.nanoTime() - t));
    }
    return System.nanoTime() - t0;
  }

  private static void convoy(Ctx ctx) throws Exception {
    int trips = 1000;
    try (Echo echo = new Echo()) {
      roundTrips(ctx, echo.client, 100, new ArrayList<>());
      double[] alone = new double[5];
      List<Double> latAlone = new ArrayList<>();
      for (int i = 0; i < alone.length; i++) {
        alone[i] = roundTrips(ctx, echo.client, trips, latAlone);
      }
      double[] cpu = new double[5];
      List<Double> latCpu = new ArrayList<>();
      for (int i = 0; i < cpu.length; i++) {
        Spinner spinner = new Spinner(ctx);
        try {
          cpu[i] = roundTrips(ctx, echo.client, trips, latCpu);
        } finally {
          spinner.close();
        }
      }
      double[] fast = new double[5];
      List<Double> latFast = new ArrayList<>();
      for (int i = 0; i < fast.length; i++) {
        fast[i] = withInterval(Duration.ofNanos(500_000), () -> {
          Spinner spinner = new Spinner(ctx);
          try {
            return roundTrips(ctx, echo.client, trips, latFast);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          } finally {
            spinner.close();
          }
        });
      }
      emit("gil_convoy_io_alone_1000rt_wall", alone, "ms", ns -> ns / 1e6);
      emit("gil_convoy_io_with_cpu_thread_1000rt_wall", cpu, "ms", ns -> ns / 1e6);
      double aloneMedian = median(alone);
      emit("gil_convoy_slowdown", cpu, "x", c -> c / aloneMedian);
      emit("gil_convoy_rt_alone_p50", new double[] {pct(latAlone, 0.5)}, "us", ns -> ns / 1e3);
      emit("gil_convoy_rt_with_cpu_p50", new double[] {pct(latCpu, 0.5)}, "us", ns -> ns / 1e3);
      emit("gil_convoy_rt_with_cpu_p90", new double[] {pct(latCpu, 0.9)}, "us", ns -> ns / 1e3);
      emit("gil_convoy_io_with_cpu_thread_si0.5ms_1000rt_wall", fast, "ms", ns -> ns / 1e6);
      emit("gil_convoy_slowdown_si0.5ms", fast, "x", c -> c / aloneMedian);
    }
  }

  private static double pct(List<Double> xs, double p) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a[Math.min(a.length - 1, (int) (a.length * p))];
  }

  private static double median(double[] xs) {
    double[] a = xs.clone();
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  private static void emit(String name, double[] samples, String unit, DoubleUnaryOperator f) {
    double[] vals = Arrays.stream(samples).map(f).toArray();
    double med = median(vals);
    System.out.println(name + ": " + fmt(med) + " " + unit);
    System.err.println("# " + name + ": median=" + fmt(med) + " min="
        + fmt(Arrays.stream(vals).min().orElse(Double.NaN)) + " max="
        + fmt(Arrays.stream(vals).max().orElse(Double.NaN)) + " n=" + vals.length
        + " unit=" + unit);
  }

  /** Plain decimals, as the anchors print them (no exponent, for the side-by-side script). */
  private static String fmt(double v) {
    double a = Math.abs(v);
    String f = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : a >= 1 ? "%.3f"
        : "%.5f";
    return String.format(java.util.Locale.ROOT, f, v);
  }
}
