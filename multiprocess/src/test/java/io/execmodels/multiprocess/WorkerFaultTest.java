package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import outside.allowlist.Point;

/** What a pool does when a child dies, misbehaves or sends what it must not: real processes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerFaultTest {

  @TempDir
  Path dir;

  private static PoolOptions one() {
    return PoolOptions.defaults().withWorkers(1);
  }

  /** A job that marks {@code marker} as started, then sleeps for long. */
  private static CompletableFuture<Object> startLongTask(WorkerPool pool, Path marker)
      throws InterruptedException {
    String path = marker.toString();
    CompletableFuture<Object> f = pool.submit(() -> {
      Files.createFile(Path.of(path));
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
      return "slept";
    });
    assertThat(Children.awaitFile(marker, Duration.ofSeconds(60))).as("task started").isTrue();
    return f;
  }

  @Test
  void aChildKilledMidTaskFailsItsTasksAndBreaksThePool() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      CompletableFuture<Object> running = startLongTask(pool, dir.resolve("started"));
      CompletableFuture<Integer> queued = pool.submit(() -> 1);

      assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();

      assertThat(Children.failureOf(running)).isInstanceOf(BrokenWorkerException.class)
          .hasMessageContaining("pid " + pid).hasMessageContaining("killed by signal 9");
      assertThat(Children.failureOf(queued)).as("a queued task fails with the pool")
          .isInstanceOf(BrokenWorkerException.class);
      assertThat(pool.isBroken()).isTrue();
      assertThatThrownBy(() -> pool.submit(() -> 2)).isInstanceOf(BrokenWorkerException.class)
          .hasMessageContaining("broken");
    }
  }

  @Test
  void underReplaceOnlyTheDeadChildsTasksFailAndANewChildTakesOver() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one().withOnWorkerDeath(WorkerDeathPolicy.REPLACE))) {
      long pid = pool.pids().get(0);
      CompletableFuture<Object> running = startLongTask(pool, dir.resolve("started"));
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      assertThat(Children.failureOf(running)).isInstanceOf(BrokenWorkerException.class);

      long next = pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS);
      assertThat(next).as("a new child").isNotEqualTo(pid);
      assertThat(pool.isBroken()).isFalse();
    }
  }

  @Test
  void aTaskCallingSystemExitFailsWithTheExitStatus() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      CompletableFuture<Object> f = pool.submit(() -> {
        System.exit(42);
        return null;
      });
      assertThat(Children.failureOf(f)).isInstanceOf(BrokenWorkerException.class)
          .hasMessageContaining("exit status 42");
    }
  }

  @Test
  void aTaskThatThrowsFailsWithItsExceptionAndCause() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      CompletableFuture<Object> f = pool.submit(() -> {
        throw new IllegalStateException("outer", new ArithmeticException("inner"));
      });
      Throwable t = Children.failureOf(f);
      assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("outer")
          .cause().isInstanceOf(ArithmeticException.class).hasMessage("inner");
      assertThat(t.getStackTrace()).as("the remote stack trace")
          .anySatisfy(e -> assertThat(e.getClassName()).startsWith(getClass().getName()));
      assertThat(pool.pids()).as("the child goes on").containsExactly(pid);
    }
  }

  /** An exception that cannot cross: it holds a non-serializable field. */
  static final class Unsendable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("unused")
    private final transient Object ok = new Object();
    @SuppressWarnings({"unused", "serial"})
    private final Object notOk = new Object();

    Unsendable() {
      super("cannot cross");
    }
  }

  @Test
  void anExceptionThatCannotCrossComesBackAsADescription() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      Throwable t = Children.failureOf(pool.submit(() -> {
        throw new Unsendable();
      }));
      assertThat(t).isInstanceOfSatisfying(RemoteTaskException.class,
          e -> assertThat(e.remoteClass()).isEqualTo(Unsendable.class.getName()))
          .hasMessageContaining("cannot cross").hasMessageContaining("NotSerializableException");
    }
  }

  @Test
  void aNonSerializableResultFailsThatTaskOnly() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      Throwable t = Children.failureOf(pool.submit(() -> new Object()));
      assertThat(t).isInstanceOf(NotSerializableException.class)
          .hasMessageContaining("java.lang.Object");
      assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS))
          .as("the same child goes on").isEqualTo(pid);
    }
  }

  @Test
  void aResultOfAClassOffTheAllowListFailsThatTaskNamingTheClassAndTheSameChildGoesOn()
      throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      Throwable t = Children.failureOf(pool.submit(() -> new Point(1, 2)));
      assertThat(t).isInstanceOf(InvalidObjectException.class)
          .hasMessageContaining("the task's result was refused by the pool")
          .hasMessageContaining("outside.allowlist.Point is not on the allow-list");
      assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS))
          .as("the same child").isEqualTo(pid);
      assertThat(pool.isBroken()).isFalse();
    }
  }

  @Test
  void aJobCarryingAClassOffTheAllowListFailsThatTaskAndTheSameChildGoesOn() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      Point p = new Point(3, 4);
      Throwable t = Children.failureOf(pool.submit(() -> p.x() + p.y()));
      assertThat(t).isInstanceOf(java.io.InvalidObjectException.class)
          .hasMessageContaining("the task was refused by the worker")
          .hasMessageContaining("outside.allowlist.Point is not on the allow-list")
          .hasMessageContaining("the option process-pool.allow");
      assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS))
          .as("the same child").isEqualTo(pid);
      assertThat(pool.isBroken()).isFalse();
    }
  }

  @Test
  void anAllowedPackageCrossesBothWays() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one().allow("outside.allowlist.*"))) {
      Point p = new Point(3, 4);
      assertThat(pool.submit(() -> new Point(p.y(), p.x())).get(60, TimeUnit.SECONDS))
          .isEqualTo(new Point(4, 3));
    }
  }

  @Test
  void aResultFrameOverTheLimitEndsThatChildAndThePoolGoesOn() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one().withMaxFrameBytes(64 * 1024))) {
      long pid = pool.pids().get(0);
      Throwable t = Children.failureOf(pool.submit(() -> new byte[1 << 20]));
      assertThat(t).isInstanceOf(BrokenWorkerException.class).hasMessageContaining("pid " + pid)
          .hasMessageContaining("over the limit of 65536 bytes (maxFrameBytes)");
      assertThat(pool.submit(() -> 6).get(60, TimeUnit.SECONDS)).isEqualTo(6);
    }
  }

  @Test
  void aJobOverTheFrameLimitIsRefusedAtSubmit() {
    try (WorkerPool pool = WorkerPool.start(one().withMaxFrameBytes(64 * 1024))) {
      byte[] big = new byte[1 << 20];
      assertThatThrownBy(() -> pool.submit(() -> big.length))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("over the frame limit of 65536");
    }
  }

  @Test
  void aJobThatDoesNotSerializeIsRefusedAtSubmitNamingTheClass() {
    try (WorkerPool pool = WorkerPool.start(one())) {
      Object lock = new Object();
      assertThatThrownBy(() -> pool.submit(() -> lock.hashCode()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("java.lang.Object");
    }
  }

  @Test
  void aFailingInitializerBreaksTheStartNamingTheCause() {
    assertThatThrownBy(() -> WorkerPool.start(one().withInitializer(() -> {
      throw new IllegalStateException("no config");
    }))).isInstanceOf(BrokenWorkerException.class).hasMessageContaining("initializer failed")
        .cause().isInstanceOf(IllegalStateException.class).hasMessage("no config");
  }

  @Test
  void anInitializerThatNeverReturnsFailsTheStartAtTheStartTimeoutNamingThePhase()
      throws Exception {
    Set<Long> before = childPids();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> WorkerPool.start(one().withStartTimeout(Duration.ofSeconds(3))
        .withInitializer(() -> {
          Thread.sleep(Long.MAX_VALUE);
          return null;
        })))
        .isInstanceOf(BrokenWorkerException.class)
        .hasMessageContaining("(startTimeout)")
        .hasMessageContaining("the initializer");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the start gave up, not hung")
        .isLessThan(Duration.ofSeconds(60));
    assertThat(childPids()).as("the stuck child was killed and reaped").isEqualTo(before);
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
