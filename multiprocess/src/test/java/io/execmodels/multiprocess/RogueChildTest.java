package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.execmodels.multiprocess.RogueChild.Answer;
import io.execmodels.multiprocess.RogueChild.Effect;
import java.io.InvalidObjectException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crafted frames from a child (a {@link RogueChild}), seeded: each answer that damages only its
 * payload fails that task alone (or, where the damage still decodes, completes it) and the same
 * child goes on; each that breaks the stream (unknown kind, short frame, a task it was not given,
 * a bad length, the stream ending inside a frame) ends the child, fails its task with a {@link
 * BrokenWorkerException} naming the problem, and a new child takes over. Every task ends within
 * 2 s; the pool's reader threads never die of it; close leaves no child, thread or socket file.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RogueChildTest {
  private static final long SEED = Long.getLong("execmodels.rogue.seed", 0x0dd_c41dL);
  private static final int TASKS = Integer.getInteger("execmodels.rogue.tasks", 150);

  @Test
  void craftedFramesFromAChildFailTheirTaskOrEndTheChildAndThePoolServesTheNext()
      throws Exception {
    Set<Long> childrenBefore = children();
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    Set<java.nio.file.Path> filesBefore = PoolLeakTest.tempEntries();
    Set<Long> pids = new HashSet<>();
    int ended = 0;
    PoolOptions options = PoolOptions.defaults().withWorkers(1).withCdsCache(null)
        .withOnWorkerDeath(WorkerDeathPolicy.REPLACE)
        .withJvmOptions(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Drogue.seed=" + SEED));
    try (WorkerPool pool = WorkerPool.start(options, RogueChild.class.getName())) {
      for (long id = 0; id < TASKS; id++) {
        awaitServing(pool);
        pids.addAll(pool.pids());
        Answer crafted = RogueChild.craft(SEED, id);
        String what = "task " + id + " (seed " + SEED + "), answered with " + crafted.what();
        CompletableFuture<Object> f = pool.submit(() -> "never run by a rogue child");
        try {
          f.get(2, TimeUnit.SECONDS);
          assertThat(crafted.effect()).as(what).isEqualTo(Effect.FAILS_THE_TASK);
        } catch (TimeoutException e) {
          fail(what + ": no outcome within 2 s");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (crafted.effect() == Effect.ENDS_THE_CHILD) {
            ended++;
            assertThat(cause).as(what).isInstanceOf(BrokenWorkerException.class);
            assertThat(cause.getMessage()).as(what).containsAnyOf(
                "the pool rejected a frame from it", "exited unexpectedly");
          } else if (cause instanceof InvalidObjectException refused) {
            assertThat(refused.getMessage()).as(what).contains("was refused by the pool");
          } else {
            // The damage still decoded to an exception, which the task fails with, as sent.
            assertThat(cause).as(what).isNotInstanceOf(BrokenWorkerException.class);
          }
        }
      }
      assertThat(pool.isBroken()).isFalse();
    }
    assertThat(ended).as("answers that ended their child").isPositive();
    assertThat(pids).as("children started: the first, and one for each ended").hasSize(ended + 1);
    assertThat(children()).as("children alive after close").isEqualTo(childrenBefore);
    List<Thread> left = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !threadsBefore.contains(t) && t.isAlive()
            && t.getName().startsWith("execmodels-"))
        .toList();
    assertThat(left).as("pool threads alive after close").isEmpty();
    Set<java.nio.file.Path> filesAfter = PoolLeakTest.tempEntries();
    filesAfter.removeAll(filesBefore);
    // Other JVMs' perf data comes and goes; the children run without it (-XX:-UsePerfData).
    filesAfter.removeIf(f -> f.getParent().getFileName().toString().startsWith("hsperfdata"));
    assertThat(filesAfter).as("pool sockets or directories left behind").isEmpty();
  }

  /** Waits until the pool has a child serving: a replacement starts in the background. */
  private static void awaitServing(WorkerPool pool) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (pool.pids().isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("no replacement child within 60 s");
      }
      Thread.sleep(5);
    }
  }

  private static Set<Long> children() {
    Set<Long> s = new HashSet<>();
    ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .forEach(p -> s.add(p.pid()));
    return s;
  }
}
