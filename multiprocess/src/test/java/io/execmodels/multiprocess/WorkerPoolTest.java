package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pool's API, with real children: Python's Pool / ProcessPoolExecutor semantics. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerPoolTest {

  @TempDir
  Path dir;

  private static PoolOptions workers(int n) {
    return PoolOptions.defaults().withWorkers(n);
  }

  /** A job body that waits (bounded) until {@code file} exists, so tests order children. */
  private static void awaitFile(String file) throws InterruptedException {
    if (!Children.awaitFile(Path.of(file), Duration.ofSeconds(60))) {
      throw new IllegalStateException("gave up waiting for " + file);
    }
  }

  @Test
  void runsAJobInAnotherProcessAndReturnsItsResult() throws Exception {
    try (WorkerPool pool = WorkerPool.start(workers(2))) {
      long parent = ProcessHandle.current().pid();
      long child = pool.submit(() -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);
      assertThat(child).isNotEqualTo(parent).isIn(pool.pids());
      assertThat(pool.pids()).hasSize(2).doesNotHaveDuplicates();
    }
  }

  @Test
  void mapReturnsResultsInItemOrderWhateverTheChunkSize() {
    try (WorkerPool pool = WorkerPool.start(workers(2))) {
      List<Integer> items = IntStream.range(0, 1000).boxed().toList();
      List<Integer> expected = items.stream().map(x -> x * x).toList();
      for (int chunksize : new int[] {1, 7, 1000, 5000}) {
        assertThat(pool.<Integer, Integer>map(x -> x * x, items, chunksize))
            .as("chunksize %d", chunksize).isEqualTo(expected);
      }
      assertThat(pool.map(x -> x, List.of(), 3)).isEmpty();
      assertThatThrownBy(() -> pool.map(x -> x, items, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunksize");
    }
  }

  @Test
  void largeFramesBothWaysWhileManyAreInFlightDoNotDeadlock() {
    // Each item and each result is bigger than a socket buffer: the pool must keep reading
    // answers while it writes tasks, and the child the other way round.
    try (WorkerPool pool = WorkerPool.start(workers(1).withPrefetch(8))) {
      List<byte[]> items = IntStream.range(0, 16).mapToObj(i -> new byte[1 << 20]).toList();
      List<Integer> lengths = pool.<byte[], byte[]>map(b -> new byte[b.length + 1], items, 1)
          .stream().map(b -> b.length).toList();
      assertThat(lengths).hasSize(16).containsOnly((1 << 20) + 1);
    }
  }

  @Test
  void mapRaisesTheFirstFailureInItemOrder() {
    try (WorkerPool pool = WorkerPool.start(workers(2))) {
      assertThatThrownBy(() -> pool.<Integer, Integer>map(x -> {
        if (x % 10 == 3) {
          throw new IllegalArgumentException("bad item " + x);
        }
        return x;
      }, IntStream.range(0, 100).boxed().toList(), 1))
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("bad item 3");
    }
  }

  @Test
  void imapUnorderedYieldsInCompletionOrderAndImapInItemOrder() throws Exception {
    try (WorkerPool pool = WorkerPool.start(workers(2))) {
      String gate = dir.resolve("gate").toString();
      // Item 0 waits for a gate that the test opens only once item 1's result has reached it:
      // item 1 surely completes first.
      SerializableFunction<Integer, Integer> fn = x -> {
        if (x == 0) {
          awaitFile(gate);
        }
        return x;
      };
      List<Integer> unordered = new ArrayList<>();
      Iterator<Integer> results = pool.imapUnordered(fn, List.of(0, 1), 1);
      unordered.add(results.next());
      Files.createFile(Path.of(gate));
      results.forEachRemaining(unordered::add);
      assertThat(unordered).containsExactly(1, 0);

      Files.delete(Path.of(gate));
      // Here item 1 opens the gate itself: it completes first, yet imap yields item 0 first.
      SerializableFunction<Integer, Integer> opening = x -> {
        if (x == 0) {
          awaitFile(gate);
        } else {
          Files.createFile(Path.of(gate));
        }
        return x;
      };
      List<Integer> ordered = new ArrayList<>();
      pool.imap(opening, List.of(0, 1), 1).forEachRemaining(ordered::add);
      assertThat(ordered).containsExactly(0, 1);
    }
  }

  @Test
  void aResultTimeoutThrowsAndLeavesTheIteratorUsable() throws Exception {
    try (WorkerPool pool = WorkerPool.start(workers(1))) {
      String gate = dir.resolve("gate").toString();
      ResultIterator<String> it = pool.imap(x -> {
        awaitFile(gate);
        return x;
      }, List.of("a"), 1);
      assertThatThrownBy(() -> it.next(Duration.ofMillis(50)))
          .isInstanceOf(TimeoutException.class);
      assertThatThrownBy(() -> pool.map(x -> x, List.of("b"), 1, Duration.ofMillis(50)))
          .as("a map behind the blocked task").isInstanceOf(TimeoutException.class);
      Files.createFile(Path.of(gate));
      assertThat(it.next(Duration.ofSeconds(60))).isEqualTo("a");
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void maxTasksPerChildRetiresChildrenAndEveryTaskStillCompletes() throws Exception {
    try (WorkerPool pool = WorkerPool.start(workers(2).withMaxTasksPerChild(2))) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> ProcessHandle.current().pid()));
      }
      Map<Long, Integer> perPid = new HashMap<>();
      for (CompletableFuture<Long> f : futures) {
        perPid.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
      }
      assertThat(perPid.values()).as("tasks per child")
          .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
      assertThat(perPid).as("children").hasSizeGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void theInitializerRunsOncePerChildBeforeItsTasks() throws Exception {
    PoolOptions options = workers(2).withMaxTasksPerChild(3).withInitializer(() -> {
      int runs = Integer.getInteger("init.runs", 0) + 1;
      return System.setProperty("init.runs", Integer.toString(runs));
    });
    try (WorkerPool pool = WorkerPool.start(options)) {
      List<String> seen = pool.map(x -> System.getProperty("init.runs"),
          IntStream.range(0, 12).boxed().toList(), 1);
      assertThat(seen).hasSize(12).containsOnly("1");
    }
  }

  @Test
  void shutdownRunsQueuedTasksAndRefusesNewOnes() throws Exception {
    String gate = dir.resolve("gate").toString();
    WorkerPool pool = WorkerPool.start(workers(1));
    CompletableFuture<Integer> first = pool.submit(() -> {
      awaitFile(gate);
      return 1;
    });
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 2; i <= 5; i++) {
      int v = i;
      queued.add(pool.submit(() -> v));
    }
    pool.shutdown(false, false);
    assertThatThrownBy(() -> pool.submit(() -> 0)).isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("after shutdown");
    Files.createFile(Path.of(gate));
    pool.close();
    assertThat(first.get()).isEqualTo(1);
    for (int i = 0; i < queued.size(); i++) {
      assertThat(queued.get(i).get()).isEqualTo(i + 2);
    }
  }

  @Test
  void shutdownWithCancelFuturesCancelsQueuedTasksAndFinishesRunningOnes() throws Exception {
    Path started = dir.resolve("started");
    String gate = dir.resolve("gate").toString();
    String startedName = started.toString();
    WorkerPool pool = WorkerPool.start(workers(1).withPrefetch(1));
    CompletableFuture<Integer> running = pool.submit(() -> {
      Files.createFile(Path.of(startedName));
      awaitFile(gate);
      return 1;
    });
    CompletableFuture<Integer> queued = pool.submit(() -> 2);
    assertThat(Children.awaitFile(started, Duration.ofSeconds(60))).isTrue();
    assertThat(running.cancel(true)).as("a running task cannot be cancelled").isFalse();
    pool.shutdown(false, true);
    assertThat(queued).isCancelled();
    Files.createFile(Path.of(gate));
    pool.close();
    assertThat(running.get()).isEqualTo(1);
  }

  @Test
  void aQueuedTaskCanBeCancelled() throws Exception {
    String gate = dir.resolve("gate").toString();
    try (WorkerPool pool = WorkerPool.start(workers(1).withPrefetch(1))) {
      CompletableFuture<Integer> blocker = pool.submit(() -> {
        awaitFile(gate);
        return 1;
      });
      CompletableFuture<Integer> queued = pool.submit(() -> 2);
      assertThat(queued.cancel(false)).isTrue();
      assertThatThrownBy(queued::get).isInstanceOf(CancellationException.class);
      Files.createFile(Path.of(gate));
      assertThat(blocker.get(60, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  @Test
  void closingThePoolFromACallbackOnItsOwnThreadFailsInsteadOfWaitingForItself()
      throws Exception {
    String gate = dir.resolve("gate").toString();
    WorkerPool pool = WorkerPool.start(workers(1));
    try {
      CompletableFuture<RuntimeException> refused = new CompletableFuture<>();
      CompletableFuture<Integer> f = pool.submit(() -> {
        awaitFile(gate);
        return 1;
      });
      // Attached while the task cannot have finished: it runs on the pool's reader thread.
      f.whenComplete((v, e) -> {
        try {
          pool.close();
          refused.complete(null);
        } catch (RuntimeException x) {
          refused.complete(x);
        }
      });
      Files.createFile(Path.of(gate));
      assertThat(refused.get(60, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("own threads");
    } finally {
      pool.close();
    }
  }

  @Test
  void shutdownNowCancelsEverythingAndKillsTheChildren() throws Exception {
    String gate = dir.resolve("never").toString();
    WorkerPool pool = WorkerPool.start(workers(2));
    List<Long> pids = pool.pids();
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      futures.add(pool.submit(() -> {
        awaitFile(gate);
        return 1;
      }));
    }
    pool.shutdownNow();
    assertThat(futures).allSatisfy(f -> assertThat(f).isCancelled());
    for (long pid : pids) {
      assertThat(Children.ended(pid)).as("child %d", pid).isTrue();
    }
  }

  @Test
  void aChildsOutputReachesTheParentsPrefixedAndLeavesTheFramesIntact() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    CountDownLatch lastLine = new CountDownLatch(1);
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8) {
      @Override
      public void println(String x) {
        super.println(x);
        if (x.endsWith("line 999")) {
          lastLine.countDown();
        }
      }
    };
    System.setOut(capture);
    try (WorkerPool pool = WorkerPool.start(workers(1))) {
      int result = pool.submit(() -> {
        for (int i = 0; i < 1000; i++) {
          System.out.println("line " + i);
        }
        return 7;
      }).get(60, TimeUnit.SECONDS);
      assertThat(result).isEqualTo(7);
      assertThat(lastLine.await(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      System.setOut(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).contains("[worker-1] line 0", "[worker-1] line 999")
        .filteredOn(l -> l.contains("line ")).hasSize(1000)
        .allSatisfy(l -> assertThat(l).startsWith("[worker-1] line "));
  }

  @Test
  void aShortTasksResultIsNotHeldBackWhileTheChildRunsALongOneSentBehindIt() throws Exception {
    try (WorkerPool pool = WorkerPool.start(PoolOptions.defaults().withWorkers(1))) {
      CompletableFuture<String> quick = pool.submit(() -> "quick");
      CompletableFuture<String> slow = pool.submit(() -> {
        Thread.sleep(60_000);
        return "slow";
      });
      // Both are on the one child at once (prefetch 2): the quick one's answer must leave the
      // child before the slow one ends.
      assertThat(quick.get(20, TimeUnit.SECONDS)).isEqualTo("quick");
      assertThat(slow).isNotDone();
      pool.shutdownNow();
    }
  }
}
