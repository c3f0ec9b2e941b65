package io.execmodels.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import io.execmodels.multiprocess.RemoteTaskException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import outside.Unlisted;

/**
 * The model with one embedded member: what {@code compute} answers, what fails before it is
 * sent, and what {@code close} leaves. Each test that computes starts a member (a second or so).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GridModelTest {

  private static Config config() {
    return Config.defaults().withModel(GridModelProvider.NAME).withParallelism(2);
  }

  /** A job's exception that cannot cross: its class does not serialize. */
  static final class Unsendable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("unused") // present to make the exception unserializable
    private final Thread notSerializable = Thread.currentThread();

    Unsendable(String message) {
      super(message);
    }
  }

  @Test
  void traitsSayMembersTimesWorkersIsolatedMemoryAndFullPreemption() {
    try (ExecutionModel model = ExecutionModels.open(config()
        .withOption("grid.workersPerMember", "3"))) {
      assertThat(model.traits()).isEqualTo(new Traits(3, Traits.Preemption.FULL,
          Traits.Memory.ISOLATED, Integer.MAX_VALUE));
    }
    try (ExecutionModel model = ExecutionModels.open(config()
        .withOption("grid.members", "10.0.0.1:5701,10.0.0.2:5701,10.0.0.3:5701")
        .withOption("grid.workersPerMember", "4"))) {
      assertThat(model.traits().parallelism()).as("3 members as a client, 4 each").isEqualTo(12);
    }
  }

  @Test
  void anUndeclaredGridOptionIsRefusedNamingIt() {
    assertThatThrownBy(() -> ExecutionModels.open(config().withOption("grid.jobtimeout", "PT1S")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid.jobtimeout");
  }

  @Test
  void malformedOptionsAreRefusedNamingThem() {
    assertThatThrownBy(() -> ExecutionModels.open(config().withOption("grid.retry", "twice")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid.retry");
    assertThatThrownBy(() -> ExecutionModels.open(config().withOption("grid.jobTimeout", "5m")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid.jobTimeout");
    assertThatThrownBy(() -> ExecutionModels.open(config()
        .withOption("grid.connectTimeout", "PT0S")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid.connectTimeout");
    assertThatThrownBy(() -> ExecutionModels.open(config().withOption("grid.embedded", "false")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid.members");
  }

  @Test
  void computeAnswersTheResultOfACopyAndTheJobsExceptionAsItselfOrDescribed() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config())) {
      int[] shared = {1};
      List<Object> seen = model.run(ctx -> {
        int[] after = ctx.compute(() -> {
          shared[0] = 99;
          return shared;
        });
        String text = ctx.compute(() -> "on " + Thread.currentThread().getName());
        return List.of(after[0], text);
      });
      assertThat(seen.get(0)).as("the member changed its copy").isEqualTo(99);
      assertThat(shared[0]).as("the caller's array is untouched").isEqualTo(1);
      assertThat((String) seen.get(1)).as("run by the member's executor")
          .contains("execmodels-grid");

      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> {
        throw new IllegalStateException("on the member");
      }))).isInstanceOf(IllegalStateException.class).hasMessage("on the member");
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> {
        throw new Unsendable("cannot cross");
      }))).isInstanceOf(RemoteTaskException.class)
          .hasMessageContaining(Unsendable.class.getName()).hasMessageContaining("cannot cross");
    }
  }

  @Test
  void aJobThatDoesNotSerializeOrIsNotAllowedFailsBeforeItIsSent() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config())) {
      Thread here = Thread.currentThread();
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> here.getName())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not serialize").hasMessageContaining("java.lang.Thread");
      Unlisted value = new Unlisted(7);
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> value.value())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside.Unlisted").hasMessageContaining("grid.allow");
      // Nothing was sent: the member, which the first compute sent would start, never started.
      assertThat(hazelcastThreads()).isEmpty();
    }
  }

  @Test
  void aResultOffTheAllowListFailsNamingItAndTheClassAllowedCrosses() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(config())) {
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> new Unlisted(3))))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside.Unlisted");
    }
    try (ExecutionModel model = ExecutionModels.open(config()
        .withOption("grid.allow", "outside.*"))) {
      Unlisted value = new Unlisted(7);
      Unlisted got = model.run(ctx -> ctx.compute(() -> new Unlisted(value.value() * 6)));
      assertThat((Object) got).isEqualTo(new Unlisted(42));
    }
  }

  /**
   * A job's body (run by the embedded member, so in this JVM): records "started", sleeps for a
   * minute, and records "interrupted" if it is.
   */
  private static Object sleepUntilInterrupted() throws InterruptedException {
    JobWitness.record("started");
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      JobWitness.record("interrupted");
      throw e;
    }
    return null;
  }

  @Test
  void aJobPastItsTimeoutFailsNamingTheMemberAndIsCancelledThere() throws Exception {
    JobWitness.reset();
    try (ExecutionModel model = ExecutionModels.open(config()
        .withOption("grid.jobTimeout", "PT1S"))) {
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(GridModelTest::sleepUntilInterrupted)))
          .isInstanceOf(TimeoutException.class).hasMessageContaining("grid.jobTimeout")
          .hasMessageContaining("127.0.0.1");
      assertThat(JobWitness.await("interrupted", 30)).as("the job was interrupted").isTrue();
    }
  }

  @Test
  void aTaskInterruptedWhileItsJobRunsEndsItsComputeInterruptedAndTheJobIsCancelledThere()
      throws Exception {
    JobWitness.reset();
    AtomicReference<Thread> computing = new AtomicReference<>();
    try (ExecutionModel model = ExecutionModels.open(config())) {
      Throwable ended = model.run(ctx -> {
        Task<Throwable> waiting = ctx.spawn(c -> {
          computing.set(Thread.currentThread());
          try {
            c.compute(GridModelTest::sleepUntilInterrupted);
            return null;
          } catch (Exception e) {
            return e;
          }
        });
        assertThat(JobWitness.await("started", 60)).as("the job started").isTrue();
        computing.get().interrupt();
        return ctx.await(waiting);
      });
      assertThat(ended).isInstanceOf(InterruptedException.class);
      assertThat(JobWitness.await("interrupted", 30)).as("the job was interrupted").isTrue();
    }
  }

  @Test
  void aTaskCancelledWhileItsJobRunsLetsTheJobEndAndEndsCancelled() throws Exception {
    JobWitness.reset();
    try (ExecutionModel model = ExecutionModels.open(config())) {
      Throwable ended = model.run(ctx -> {
        Task<String> waiting = ctx.spawn(c -> c.compute(() -> {
          JobWitness.record("started");
          if (!JobWitness.await("released", 60)) {
            throw new IllegalStateException("the test never released the job");
          }
          JobWitness.record("finished");
          return "done";
        }));
        assertThat(JobWitness.await("started", 60)).as("the job started").isTrue();
        assertThat(waiting.cancel()).isTrue();
        JobWitness.record("released");
        try {
          ctx.await(waiting);
          return null;
        } catch (CancellationException e) {
          return e;
        }
      });
      assertThat(ended).isInstanceOf(CancellationException.class);
      assertThat(JobWitness.await("finished", 30)).as("the job ran to its end").isTrue();
      assertThat(JobWitness.await("interrupted", 0)).as("nor was it interrupted").isFalse();
    }
  }

  @Test
  void closeLeavesNoHazelcastThreadNoProcessAndNoListeningPort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
    String member;
    try (ExecutionModel model = ExecutionModels.open(config()
        .withOption("grid.port", String.valueOf(port)))) {
      member = model.run(ctx -> ctx.compute(() -> Thread.currentThread().getName()));
      assertThat(hazelcastThreads()).isNotEmpty();
    }
    assertThat(member).startsWith("hz.execmodels-grid-");
    assertThat(hazelcastThreads()).as("Hazelcast threads after close").isEmpty();
    assertThat(ProcessHandle.current().descendants().toList()).isEqualTo(before);
    assertThat(bindable(port)).as("the member's port is free").isTrue();
  }

  @Test
  void aClientThatReachesNoMemberFailsItsComputeAfterTheConnectTimeoutAndLeavesNoThread()
      throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (ExecutionModel model = ExecutionModels.open(config()
        .withOption("grid.members", "127.0.0.1:" + port)
        .withOption("grid.connectTimeout", "PT2S"))) {
      for (int attempt = 1; attempt <= 2; attempt++) {
        assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> 1)))
            .as("attempt %d: the next compute tries again", attempt)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("grid.connectTimeout")
            .hasMessageContaining("PT2S");
        assertThat(hazelcastThreads()).as("the failed client's threads").isEmpty();
      }
    }
  }

  /** This model's Hazelcast threads, alive now. */
  static List<String> hazelcastThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(Thread::getName).filter(n -> n.startsWith("hz.execmodels-grid-")).toList();
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
