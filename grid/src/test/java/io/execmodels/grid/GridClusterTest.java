package io.execmodels.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Job;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import outside.Unlisted;

/**
 * Three {@link GridMember} JVMs on loopback (a unique cluster name, an explicit member list,
 * multicast off) and the model as their client: a model-agnostic service runs on them, then a
 * member is killed (SIGKILL) mid-job, once under each retry policy. The service runs first, while
 * all three are up; each kill takes one member away, so the kills come last. Between them, what
 * the members refuse: a job off their allow-list, and anything but the carrier from a foreign
 * Hazelcast client.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridClusterTest {

  private static MemberJvms members;

  @BeforeAll
  static void startMembers() throws Exception {
    members = MemberJvms.start(3, 2);
  }

  @AfterAll
  static void stopMembers() throws Exception {
    if (members != null) {
      members.close();
    }
  }

  private static Config client(String retry) {
    return Config.defaults().withModel(GridModelProvider.NAME)
        .withOption("grid.clusterName", members.clusterName())
        .withOption("grid.members", members.members())
        .withOption("grid.retry", retry)
        .withOption("grid.jobTimeout", "PT2M");
  }

  @Test
  @Order(1)
  void aServiceRunsItsJobsOnTheMembersAndCloseLeavesNoThreadOrProcess() throws Exception {
    List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
    PrimeService.Count count;
    try (ExecutionModel model = ExecutionModels.open(client("none")
        .withOption("grid.workersPerMember", "2"))) {
      assertThat(model.traits().parallelism()).as("3 members of 2 workers").isEqualTo(6);
      count = model.run(ctx -> PrimeService.countPrimes(ctx, 200_000, 12));
    }
    // pi(200000) = 17984, a well-known value of the prime-counting function.
    assertThat(count.primes()).isEqualTo(17_984);
    assertThat(new HashSet<>(count.pids())).as("the members ran the jobs")
        .containsExactlyInAnyOrderElementsOf(members.processes().stream().map(Process::pid)
            .toList());
    assertThat(GridModelTest.hazelcastThreads()).as("client threads after close").isEmpty();
    assertThat(ProcessHandle.current().descendants().toList()).as("no process started")
        .isEqualTo(before);
  }

  @Test
  @Order(2)
  void aJobItsMembersAllowListRefusesFailsUnsentNamingTheMemberAndTheClass() throws Exception {
    // This side allows outside.*, the members (default list) do not: only a member can refuse.
    try (ExecutionModel model = ExecutionModels.open(client("none")
        .withOption("grid.allow", "outside.*"))) {
      Unlisted value = new Unlisted(5);
      assertThatThrownBy(() -> model.run(ctx -> ctx.compute(() -> value.value())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("class outside.Unlisted is not on its allow-list")
          .hasMessageContaining("was not sent").hasMessageContaining("[127.0.0.1]:");
    }
  }

  @Test
  @Order(2)
  void aJobWhoseClassIsNotOnAMembersClassPathFailsUnsentNamingTheMemberAndTheClass(
      @TempDir Path dir) throws Exception {
    Class<?> missing = CompiledElsewhere.compile("offpath.Missing",
        CompiledElsewhere.job("offpath", "Missing", 1, 7), dir);
    Job<?> job = (Job<?>) missing.getConstructor().newInstance();
    try (ExecutionModel model = ExecutionModels.open(client("none")
        .withOption("grid.allow", "offpath.*"))) {
      assertThatThrownBy(() -> model.run(ctx -> {
        // This side reads the job as a member would, with the loader that has its class.
        Thread.currentThread().setContextClassLoader(missing.getClassLoader());
        return ctx.compute(job);
      })).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("class offpath.Missing is not on its class path")
          .hasMessageContaining("was not sent").hasMessageContaining("[127.0.0.1]:");
    }
  }

  @Test
  @Order(2)
  void aJobOfAnotherVersionThanAMembersFailsUnsentAndTheSameVersionRuns(@TempDir Path dir)
      throws Exception {
    Class<?> other = CompiledElsewhere.compile(VersionedJob.class.getName(),
        CompiledElsewhere.job(VersionedJob.class.getPackageName(), "VersionedJob", 2, 2), dir);
    assertThat(other).as("a second class of the name").isNotEqualTo(VersionedJob.class);
    Job<?> version2 = (Job<?>) other.getConstructor().newInstance();
    try (ExecutionModel model = ExecutionModels.open(client("none"))) {
      assertThatThrownBy(() -> model.run(ctx -> {
        Thread.currentThread().setContextClassLoader(other.getClassLoader());
        return ctx.compute(version2);
      })).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("class " + VersionedJob.class.getName() + " is another version")
          .hasMessageContaining("serialVersionUID 1 against 2").hasMessageContaining("not sent");
      int result = model.run(ctx -> ctx.compute(new VersionedJob()));
      assertThat(result).as("the members' own version").isEqualTo(1);
    }
  }

  @Test
  @Order(2)
  void anEmbeddedMemberJoinsTheMembersAndJobsRunOnItAndOnThem() throws Exception {
    PrimeService.Count count;
    try (ExecutionModel model = ExecutionModels.open(client("none")
        .withOption("grid.embedded", "true").withOption("grid.workersPerMember", "2"))) {
      assertThat(model.traits().parallelism()).as("3 members and this one, 2 workers each")
          .isEqualTo(8);
      count = model.run(ctx -> PrimeService.countPrimes(ctx, 200_000, 16));
    }
    assertThat(count.primes()).isEqualTo(17_984);
    List<Long> all = new ArrayList<>(members.processes().stream().map(Process::pid).toList());
    all.add(ProcessHandle.current().pid());
    assertThat(new HashSet<>(count.pids())).as("this JVM's member and the three ran the jobs")
        .containsExactlyInAnyOrderElementsOf(all);
    assertThat(GridModelTest.hazelcastThreads()).as("member threads after close").isEmpty();
  }

  @Test
  @Order(2)
  void hazelcastsOwnDeserializationAdmitsNoOtherClassThanTheCarrier() throws Exception {
    ClientConfig raw = new ClientConfig();
    raw.setClusterName(members.clusterName());
    raw.setInstanceName("foreign-client-" + ProcessHandle.current().pid());
    raw.getNetworkConfig().setAddresses(List.of(members.members().split(",")));
    raw.setProperty("hazelcast.phone.home.enabled", "false");
    HazelcastInstance client = HazelcastClient.newHazelcastClient(raw);
    try {
      // To a member, as the model sends: a plain submit goes to a partition's owner, and the
      // first partition operation makes the cluster assign its partitions, which took over a
      // minute on a loaded machine (the model never uses partitions).
      Future<String> sent = client.getExecutorService(GridOptions.EXECUTOR)
          .submitToMember(new RawCallable(), client.getCluster().getMembers().iterator().next());
      assertThatThrownBy(() -> sent.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("Resolving class " + RawCallable.class.getName()
              + " is not allowed");
    } finally {
      client.shutdown();
    }
  }

  /** A plain Callable, not the model's carrier: what a foreign client could send a member. */
  static final class RawCallable implements Callable<String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String call() {
      return "ran";
    }
  }

  @Test
  @Order(3)
  void aMemberKilledMidJobFailsTheJobNamingTheMember() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(client("none"));
        ServerSocket jobs = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Long> run = runReportingJob(model, jobs);
      long victim = killTheMemberThatReports(jobs);
      assertThat(run).failsWithin(60, TimeUnit.SECONDS);
      assertThat(rootModelFailure(run)).isInstanceOf(MemberLostException.class)
          .hasMessageContaining(":" + portOf(victim)).hasMessageContaining("grid.retry");
    }
  }

  @Test
  @Order(4)
  void aMemberKilledMidJobUnderAtLeastOnceReRunsTheJobOnAnother() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(client("at-least-once"));
        ServerSocket jobs = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Long> run = runReportingJob(model, jobs);
      long victim = killTheMemberThatReports(jobs);
      long rerun;
      try (Socket job = jobs.accept()) {
        rerun = new DataInputStream(job.getInputStream()).readLong();
        job.getOutputStream().write(1);
        job.getOutputStream().flush();
        assertThat(run.get(60, TimeUnit.SECONDS)).as("the result of the re-run").isEqualTo(rerun);
      }
      assertThat(rerun).isNotEqualTo(victim);
    }
  }

  /** Runs one {@link ReportingJob} on {@code model}, reporting to {@code jobs}, in the background. */
  private static CompletableFuture<Long> runReportingJob(ExecutionModel model, ServerSocket jobs)
      throws IOException {
    jobs.setSoTimeout(60_000);
    return CompletableFuture.supplyAsync(() -> uncheckedRun(model, jobs.getLocalPort()));
  }

  /** Waits for a job to report on {@code jobs}, kills its member mid-job, returns its pid. */
  private static long killTheMemberThatReports(ServerSocket jobs) throws Exception {
    try (Socket job = jobs.accept()) {
      long victim = new DataInputStream(job.getInputStream()).readLong();
      kill(victim);
      return victim;
    }
  }

  private static Long uncheckedRun(ExecutionModel model, int port) {
    try {
      return model.run(ctx -> ctx.compute(new ReportingJob(port)));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the model's run threw, under the future's wrapping. */
  private static Throwable rootModelFailure(CompletableFuture<Long> run) {
    try {
      run.get();
      throw new AssertionError("the run did not fail");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void kill(long pid) throws InterruptedException {
    Process p = members.processes().stream().filter(m -> m.pid() == pid).findFirst()
        .orElseThrow(() -> new AssertionError("the job ran in pid " + pid + ", not a member"));
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("member killed").isTrue();
  }

  private static int portOf(long pid) {
    List<Process> ps = members.processes();
    for (int i = 0; i < ps.size(); i++) {
      if (ps.get(i).pid() == pid) {
        return Integer.parseInt(members.members().split(",")[i].split(":")[1]);
      }
    }
    throw new AssertionError("no member has pid " + pid);
  }
}
