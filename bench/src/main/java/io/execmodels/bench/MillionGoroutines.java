package io.execmodels.bench;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.csp.WaitGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fresh-process figure JMH cannot give: peak resident memory with 1,000,000 tasks. Run once per
 * process, as {@code ../shared/anchors/go} runs its {@code spawn} and {@code spawnparked} figures
 * under {@code /usr/bin/time -v} ({@code bench/vs-go.sh} runs both):
 *
 * <ul>
 *   <li>{@code spawn}: spawn and join 1,000,000 trivial tasks;
 *   <li>{@code parked}: 1,000,000 tasks alive at once, all parked on one gate channel, then
 *       released by closing it and joined.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.execmodels.bench.MillionGoroutines
 * spawn|parked csp|virtual-threads}. Prints the wall time in milliseconds and the peak resident
 * set read from {@code /proc/self/status} ({@code VmHWM}), if there is one.
 */
public final class MillionGoroutines {
  private static final int TASKS = 1_000_000;

  private MillionGoroutines() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !(args[0].equals("spawn") || args[0].equals("parked"))
        || !(args[1].equals("csp") || args[1].equals("virtual-threads"))) {
      System.err.println("usage: MillionGoroutines spawn|parked csp|virtual-threads");
      System.exit(2);
    }
    boolean parked = args[0].equals("parked");
    long start = System.nanoTime();
    long checksum = args[1].equals("csp") ? onModel(parked) : onVirtualThreads(parked);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%s %s: %d ms, peak RSS %s, checksum %d%n",
        args[0], args[1], millis, peakRss(), checksum);
  }

  private static long onModel(boolean parked) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      return model.run(ctx -> {
        AtomicLong acc = new AtomicLong();
        WaitGroup wg = new WaitGroup();
        Channel<Boolean> gate = ctx.channel(0);
        wg.add(TASKS);
        for (int i = 0; i < TASKS; i++) {
          long v = i & 1;
          ctx.go(c -> {
            if (parked) {
              for (Boolean ignored : gate) {
                // nothing is sent: the loop ends when the gate closes
              }
            }
            acc.addAndGet(v);
            wg.done();
            return null;
          });
        }
        if (parked) {
          gate.close();
        }
        wg.await(ctx);
        return acc.get();
      });
    }
  }

  private static long onVirtualThreads(boolean parked) throws InterruptedException {
    AtomicLong acc = new AtomicLong();
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      long v = i & 1;
      Thread.ofVirtual().start(() -> {
        if (parked) {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        acc.addAndGet(v);
        done.countDown();
      });
    }
    gate.countDown();
    done.await();
    return acc.get();
  }

  private static String peakRss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown";
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("VmHWM:"))
        .map(l -> l.substring("VmHWM:".length()).trim())
        .findFirst().orElse("unknown");
  }
}
