package io.execmodels.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Traits;
import io.execmodels.multiprocess.RemoteTaskException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  @Test
  void aJobPastItsTimeoutFailsNamingTheMemberAndIsCancelledThere() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    JobWitness.reset(interrupted);
    try (ExecutionModel model = ExecutionModels.open(config()
        .withOption("grid.jobTimeout", "PT1S"))) {
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          JobWitness.interrupted();
          throw e;
        }
        return null;
      }))).isInstanceOf(TimeoutException.class).hasMessageContaining("grid.jobTimeout")
          .hasMessageContaining("127.0.0.1");
      assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the job was interrupted").isTrue();
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
