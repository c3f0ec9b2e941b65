package io.execmodels.multiprocess;

import static io.execmodels.multiprocess.internal.Graphs.nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values too deep or too large to cross, as task arguments, results and failures, between real
 * processes: each fails its own task with a message naming the limit, and the pool goes on
 * serving. Before the graph limits, these killed a child or the parent's reader thread, and the
 * pool's futures and {@code close()} then waited forever.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostilePayloadTest {

  /** Deeper than the parent's depth limit (256), shallow enough to serialize in the child. */
  private static final int OVER_THE_LIMIT = 300;

  private static PoolOptions one() {
    return PoolOptions.defaults().withWorkers(1);
  }

  @Test
  void aResultTooDeepToSerializeFailsThatTaskAndTheSameChildGoesOn() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      Throwable t = Children.failureOf(pool.submit(() -> nested(200_000)));
      assertThat(t).isInstanceOf(NotSerializableException.class)
          .hasMessageContaining("nested too deeply to serialize");
      assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS))
          .as("the same child").isEqualTo(pid);
    }
  }

  @Test
  void aResultOverTheDepthLimitFailsThatTaskNamingTheLimitAndTheSameChildGoesOn()
      throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      Throwable t = Children.failureOf(pool.submit(() -> nested(OVER_THE_LIMIT)));
      assertThat(t).isInstanceOf(InvalidObjectException.class)
          .hasMessageContaining("the task's result was refused by the pool")
          .hasMessageContaining("(maxdepth)");
      assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS))
          .as("the same child").isEqualTo(pid);
      assertThat(pool.isBroken()).isFalse();
    }
  }

  @Test
  void aJobCarryingAGraphOverTheDepthLimitFailsThatTaskNamingTheLimitAndTheChildGoesOn()
      throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      List<Object> deep = nested(OVER_THE_LIMIT);
      Throwable t = Children.failureOf(pool.submit(() -> deep.size()));
      assertThat(t).isInstanceOf(java.io.InvalidObjectException.class)
          .hasMessageContaining("the task was refused by the worker")
          .hasMessageContaining("(maxdepth)");
      assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS))
          .as("the same child").isEqualTo(pid);
    }
  }

  @Test
  void aJobTooDeepToSerializeIsRefusedAtSubmit() {
    try (WorkerPool pool = WorkerPool.start(one())) {
      List<Object> deep = nested(1_000_000);
      assertThatThrownBy(() -> pool.submit(() -> deep.size()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nested too deeply to serialize");
    }
  }

  @Test
  void anExceptionWithAThousandCausesComesBackCutShortAndTheSameChildGoesOn() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one())) {
      long pid = pool.pids().get(0);
      Throwable t = Children.failureOf(pool.submit(() -> {
        RuntimeException failure = new IllegalStateException("cause 1000");
        for (int i = 999; i >= 0; i--) {
          failure = new IllegalStateException("cause " + i, failure);
        }
        throw failure;
      }));
      assertThat(t).isInstanceOf(RemoteTaskException.class)
          .hasMessageStartingWith("java.lang.IllegalStateException: cause 0");
      Throwable last = t;
      while (last.getCause() != null) {
        last = last.getCause();
      }
      assertThat(last).hasMessageContaining("deeper causes not sent");
      assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS))
          .as("the same child").isEqualTo(pid);
    }
  }

  @Test
  void decodeLimitsAreSetPerPoolOnBothSides() throws Exception {
    try (WorkerPool pool = WorkerPool.start(one().withDecodeLimits(OVER_THE_LIMIT + 50, 10_000))) {
      List<Object> deep = nested(OVER_THE_LIMIT);
      assertThat(pool.submit(() -> deep.size()).get(60, TimeUnit.SECONDS))
          .as("a job over the default depth, within this pool's").isEqualTo(1);
      assertThat(pool.submit(() -> nested(OVER_THE_LIMIT)).get(60, TimeUnit.SECONDS))
          .as("a result likewise").isEqualTo(nested(OVER_THE_LIMIT));
      Throwable t = Children.failureOf(pool.submit(() -> new ArrayList<>(
          java.util.Collections.nCopies(20_000, new StringBuilder("x")))));
      assertThat(t).as("20,000 references to one object, over a limit of 10,000")
          .hasMessageContaining("(maxrefs)");
    }
    assertThatThrownBy(() -> PoolOptions.defaults().withDecodeLimits(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDepth 0");
  }
}
