package io.execmodels.gilsim.futures;

import static io.execmodels.gilsim.futures.Py.line;
import static io.execmodels.gilsim.futures.Py.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import io.execmodels.core.Job;
import io.execmodels.gilsim.Gil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Child JVMs: remote exceptions, chunks, max tasks per child, BrokenProcessPool; beside procpool.py. */
@Timeout(180) // a hang fails the test instead of the build
class ProcessPoolExecutorTest {

  /**
   * What CPython's remote exception has as its cause, {@code _RemoteTraceback}, is here the
   * child's own stack trace on the exception: the scenario says so only if it is there.
   */
  static String remoteCause(Throwable e) {
    boolean fromChild = Arrays.stream(e.getStackTrace())
        .anyMatch(f -> f.getClassName().startsWith("io.execmodels.multiprocess.internal."));
    return fromChild ? "_RemoteTraceback" : "local stack trace";
  }

  static long pid(Object ignored) {
    return ProcessHandle.current().pid();
  }

  static List<String> scenario(Path marker) throws Exception {
    List<String> out = new ArrayList<>();
    Py.underGil(Gil.create(), () -> {
      try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
        Throwable e = ex.submit(() -> {
          throw new IllegalArgumentException("boom");
        }).exception();
        out.add(line("remote", name(e), e.getMessage(), "cause", remoteCause(e)));
        out.add(line("map chunks", ImmutableList.copyOf(
            ex.map((Integer x) -> x * x, IntStream.range(0, 7).boxed().toList(), null, 3))));
        MapIterator<Integer> it = ex.map((Integer x) -> 10 / x, List.of(1, 2, 0, 5), null, 2);
        out.add(line("map item", it.next()));
        out.add(line("map item", it.next()));
        try {
          it.next();
        } catch (CompletionException err) {
          out.add(line("map raises", name(err.getCause())));
        }
        try {
          ex.map((Integer x) -> x, List.of(1), null, 0);
        } catch (IllegalArgumentException err) {
          out.add(line("chunksize", name(err), err.getMessage()));
        }
      }

      try (ProcessPoolExecutor ex = ProcessPoolExecutor.builder().maxWorkers(1)
          .maxTasksPerChild(1).build()) {
        List<Long> pids = ImmutableList.copyOf(ex.map(ProcessPoolExecutorTest::pid,
            IntStream.range(0, 10).boxed().toList(), null, 5));
        out.add(line("chunk pids", new HashSet<>(pids).size(), pids.get(0).equals(pids.get(4)),
            pids.get(5).equals(pids.get(9))));
      }

      try (ProcessPoolExecutor ex = ProcessPoolExecutor.builder().maxWorkers(1)
          .maxTasksPerChild(2).build()) {
        HashSet<Long> pids = new HashSet<>();
        for (int i = 0; i < 6; i++) {
          pids.add(ex.submit(() -> ProcessHandle.current().pid()).result());
        }
        out.add(line("max_tasks_per_child=2 pids over 6 tasks", pids.size()));
      }

      ProcessPoolExecutor ex = new ProcessPoolExecutor(1);
      Future<Object> dying = ex.submit(() -> {
        Runtime.getRuntime().halt(3);
        return null;
      });
      Future<Integer> queued = ex.submit(() -> 4);
      for (Future<?> f : List.of(dying, queued)) {
        Throwable err = f.exception();
        out.add(line("exit", name(err), err.getMessage()));
      }
      try {
        ex.submit(() -> 4);
      } catch (BrokenProcessPool err) {
        out.add(line("submit", name(err), err.getMessage()));
      }
      ex.shutdown(true, false);

      ProcessPoolExecutor ex2 = new ProcessPoolExecutor(1);
      String path = marker.toString();
      Future<Object> running = ex2.submit(() -> {
        Files.createFile(Path.of(path));
        Thread.sleep(60_000);
        return null;
      });
      Future<Integer> queued2 = ex2.submit(() -> 4);
      while (!Files.exists(marker)) {
        Gil.blockOn(() -> {
          Thread.sleep(5);
          return null;
        });
      }
      for (long pid : ex2.pids()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      for (Future<?> f : List.of(running, queued2)) {
        Throwable err = f.exception();
        out.add(line("kill -9", name(err), err.getMessage()));
      }
      ex2.shutdown(true, false);

      for (int bad : new int[] {0, -1}) {
        try {
          new ProcessPoolExecutor(bad);
        } catch (IllegalArgumentException err) {
          out.add(line("max_workers", bad, name(err), err.getMessage()));
        }
      }
      try {
        ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(0);
      } catch (IllegalArgumentException err) {
        out.add(line("max_tasks_per_child", name(err), err.getMessage()));
      }
    });
    return out;
  }

  @Test
  void sameEventsAsCpython() throws Exception {
    Path dir = Files.createTempDirectory("procpool");
    try {
      List<String> ours = scenario(dir.resolve("java-marker"));
      assertThat(ours).containsExactlyElementsOf(
          Py.run("procpool.py", dir.resolve("py-marker").toString()));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Test
  void brokenPoolNamesTheDeadChildAndLeavesNothingRunning() throws Exception {
    ProcessPoolExecutor ex = new ProcessPoolExecutor(2);
    List<Long> pids = ex.submit(() -> 1).result() == 1 ? ex.pids() : List.of();
    assertThat(pids).hasSize(2);
    Future<Object> dying = ex.submit(() -> {
      Runtime.getRuntime().halt(42);
      return null;
    });
    assertThatThrownBy(dying::result).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(BrokenProcessPool.class)
        .hasMessage(BrokenProcessPool.TERMINATED_ABRUPTLY)
        .cause().hasMessageContaining("exit status 42");
    assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(BrokenProcessPool.class)
        .hasMessage(BrokenProcessPool.NOT_USABLE);
    ex.close();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("child %d after close", pid).isFalse();
    }
  }

  @Test
  void aFailingInitializerBreaksThePool() throws Exception {
    ProcessPoolExecutor ex = ProcessPoolExecutor.builder().maxWorkers(1).initializer(() -> {
      throw new IllegalStateException("no config");
    }).build();
    Future<Integer> f = ex.submit(() -> 1);
    assertThatThrownBy(f::result).cause().isInstanceOf(BrokenProcessPool.class)
        .hasMessage(BrokenProcessPool.TERMINATED_ABRUPTLY);
    assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(BrokenProcessPool.class);
    ex.close();
  }

  @Test
  void theInitializerRunsInEachChildBeforeItsTasks() throws Exception {
    try (ProcessPoolExecutor ex = ProcessPoolExecutor.builder().maxWorkers(1)
        .initializer(() -> System.setProperty("futures.test.init", "done")).build()) {
      assertThat(ex.submit(() -> System.getProperty("futures.test.init")).result())
          .isEqualTo("done");
    }
  }

  @Test
  void unserializableTaskFailsItsFuture() throws Exception {
    Object notSerializable = new Object();
    try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
      Future<String> f = ex.submit(() -> notSerializable.toString());
      assertThatThrownBy(f::result).cause().isInstanceOf(IllegalArgumentException.class);
      assertThat(ex.submit(() -> "still usable").result()).isEqualTo("still usable");
    }
  }

  @Test
  void cancelWorksWhileQueuedAndShutdownCancelsTheQueue() throws Exception {
    ProcessPoolExecutor ex = new ProcessPoolExecutor(1);
    Future<Integer> pending = ex.submit(() -> 1);
    // Nothing is sent before the children are ready, so at once after submit it is withdrawable,
    // unless the start was fast: either way cancel and state agree.
    boolean cancelled = pending.cancel();
    assertThat(pending.cancelled()).isEqualTo(cancelled);
    if (!cancelled) {
      assertThat(pending.state()).isIn(FutureState.RUNNING, FutureState.FINISHED);
    }
    Job<Integer> slow = () -> {
      Thread.sleep(300);
      return 2;
    };
    List<Future<Integer>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(ex.submit(slow));
    }
    ex.shutdown(true, true);
    long cancelledCount = fs.stream().filter(Future::cancelled).count();
    // The child holds a few (its prefetch); the rest were still queued in the parent: cancelled.
    assertThat(cancelledCount).isPositive();
    assertThat(fs).allSatisfy(f -> assertThat(f.done()).isTrue());
    assertThat(fs.stream().filter(f -> !f.cancelled()).count() + cancelledCount).isEqualTo(20);
    assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class)
        .hasMessage("cannot schedule new futures after shutdown");
  }

  @Test
  void mapTimeoutAppliesToChunks() throws Exception {
    // Two children, one item each: a child holding a further task sends a finished one's result
    // only once that task is done too (multiprocess batches its answers), see docs/futures.md.
    try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
      ex.submit(() -> 0).result(); // the children are up: their start is not what times out
      MapIterator<Integer> it = ex.map((Integer x) -> {
        Thread.sleep(x);
        return x;
      }, List.of(0, 3_000), Duration.ofSeconds(1), 1);
      assertThat(it.next()).isZero();
      assertThatThrownBy(it::next)
          .isInstanceOf(com.google.common.util.concurrent.UncheckedTimeoutException.class);
      ex.shutdown(false, true);
    }
  }
}
