package io.execmodels.examples;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.Task;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one parked task costs a model in heap: {@link #probe} parks {@code tasks} tasks at once,
 * each waiting to receive from one unbuffered channel (a goroutine blocked on {@code <-ch}, a
 * coroutine awaiting a future), and takes the heap in use after a full GC with them all parked,
 * less the heap after a GC once they have ended, over their number. Immutable.
 *
 * <p>A task on a virtual thread keeps its stack in the heap (as stack chunks), so the figure is
 * the whole task. A task on a platform thread (a GIL thread) keeps its stack outside the heap
 * (reserved per thread, typically 1 MB of address space, with what was touched resident): the
 * figure is then only its objects, and the probe parks fewer of them ({@link #platformThreads}).
 *
 * <p>An original runtime ({@link Reference#memory}) measures its own tasks its own way: its row
 * names what a task is there ({@link #task}) and what the bytes count ({@link #measure}).
 *
 * @param model the model's name
 * @param tasks how many tasks were parked at once; 0 if the probe failed
 * @param bytesPerTask heap per parked task, in bytes (may be slightly negative from noise for a
 *     tiny task)
 * @param platformThreads whether the model's tasks run on platform threads
 * @param task what a parked task is: {@code virtual thread}, {@code platform thread}, or an
 *     original's ({@code goroutine}...)
 * @param measure what the bytes count: {@link #JVM_HEAP}, or an original runtime's own measure
 * @param problem why the probe failed, or null
 */
record TaskMemory(String model, int tasks, long bytesPerTask, boolean platformThreads,
    String task, String measure, String problem) {

  /** The models' measure: the JVM's heap in use after a full GC. */
  static final String JVM_HEAP = "JVM heap";

  /** A model's probe: its tasks are virtual or platform threads, measured in the JVM's heap. */
  TaskMemory(String model, int tasks, long bytesPerTask, boolean platformThreads,
      String problem) {
    this(model, tasks, bytesPerTask, platformThreads,
        platformThreads ? "platform thread" : "virtual thread", JVM_HEAP, problem);
  }

  /** Tasks parked at once on a model whose tasks are virtual threads, or continuations. */
  static final int VIRTUAL_TASKS = 2_000;

  /** Tasks parked at once on a model whose tasks are platform threads: each is an OS thread. */
  static final int PLATFORM_TASKS = 200;

  /** How long the tasks may take to park, and to end, before the probe gives up. */
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  boolean ok() {
    return problem == null;
  }

  /**
   * Parks tasks on {@code model} and measures their heap. Blocks for the time that takes (two full
   * GCs; a fraction of a second). The model must be otherwise idle: its {@code parked} count
   * tells when the tasks have parked. A failure or a deadline passed is the result's problem.
   */
  static TaskMemory probe(String name, ExecutionModel model) {
    boolean platform;
    try {
      platform = !model.run(ctx -> ctx.await(ctx.spawn(c -> Thread.currentThread().isVirtual())));
    } catch (Exception e) {
      return failed(name, false, "FAILED: " + e);
    }
    int n = platform ? PLATFORM_TASKS : VIRTUAL_TASKS;
    AtomicBoolean release = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = Thread.ofPlatform().name("shootout-memory-probe").start(() -> {
      try {
        model.run(ctx -> {
          Channel<Integer> gate = ctx.channel(0);
          List<Task<Boolean>> parked = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            parked.add(ctx.spawn(c -> gate.receiveOk().ok()));
          }
          // The prober outside decides when; a sleep is a suspension point on every model (a
          // virtual one under simulation), so the parked tasks have their turn meanwhile.
          while (!release.get()) {
            ctx.sleep(Duration.ofMillis(1));
          }
          gate.close();
          return ctx.awaitAll(parked).size();
        });
      } catch (Throwable t) { // reported as the probe's problem, not lost with this thread
        failure.set(t);
      }
    });
    try {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      // The driver task counts as parked while it sleeps, so n means at least n - 1 of the tasks:
      // an error of one task in n.
      while (model.stats().parked() < n) {
        if (failure.get() != null || System.nanoTime() > deadline) {
          release.set(true);
          join(runner);
          return failed(name, platform, failure.get() != null ? "FAILED: " + failure.get()
              : "the " + n + " tasks had not all parked after " + DEADLINE.toSeconds() + " s");
        }
        Thread.sleep(1); // polling a gauge, with a deadline: no signal exists for "all parked"
      }
      long withTasks = heapAfterGc();
      release.set(true);
      if (!join(runner)) {
        return failed(name, platform, "the parked tasks had not ended after "
            + DEADLINE.toSeconds() + " s");
      }
      if (failure.get() != null) {
        return failed(name, platform, "FAILED: " + failure.get());
      }
      long without = heapAfterGc();
      return new TaskMemory(name, n, (withTasks - without) / n, platform, null);
    } catch (InterruptedException e) {
      release.set(true);
      Thread.currentThread().interrupt();
      return failed(name, platform, "interrupted");
    }
  }

  private static TaskMemory failed(String name, boolean platform, String problem) {
    return new TaskMemory(name, 0, 0, platform, problem);
  }

  /** Waits for the probe's runner up to the deadline; whether it ended. */
  private static boolean join(Thread runner) throws InterruptedException {
    return runner.join(DEADLINE);
  }

  private static long heapAfterGc() {
    System.gc(); // a full collection under G1 and the other collectors of the JDK
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

}
