package io.execmodels.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.execmodels.core.Job;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.VirtualThreadScheduler;
import io.execmodels.multiprocess.internal.Failures;
import io.execmodels.multiprocess.internal.FrameException;
import io.execmodels.multiprocess.internal.Payloads;
import io.execmodels.multiprocess.internal.Values;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code grid} scheduler: tasks are virtual threads in this JVM, as on {@code process-pool};
 * {@link #compute} sends the job to a member of the cluster's executor service and parks the task
 * until the outcome is back. The cluster connection (an embedded member, or a client) starts on
 * the first {@code compute}: a run that never computes starts no Hazelcast.
 *
 * <p>A job goes to the member with the fewest of this model's jobs in flight, the first such in
 * the cluster's member order after the one last chosen (round robin among equals), rather than
 * to Hazelcast's choice, which is a random partition's owner: with a handful of members, random
 * choice queues jobs on one member while another idles, and choosing the member ourselves is also
 * what lets a failure name it.
 */
final class GridScheduler extends VirtualThreadScheduler {

  /** How long a compute waits on Hazelcast's own {@code get} before an interruptible wait. */
  private static final long FIRST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final GridOptions options;
  private final String clusterName;
  private final Payloads payloads;
  private final Traits traits;
  /** Jobs in flight per member, for the choice of the next member. */
  private final ConcurrentHashMap<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger nextMember = new AtomicInteger();
  /**
   * Per member, the classes it was found to read ({@link ClassProbe}): a member's class path and
   * allow-list are fixed while it runs, so each is asked about a class once.
   */
  private final ConcurrentHashMap<UUID, Set<String>> readable = new ConcurrentHashMap<>();
  private final ReentrantLock connectionLock = new ReentrantLock();
  /** Started by the first {@code compute}; guarded by {@code connectionLock}. */
  private GridConnection connection;

  GridScheduler(GridOptions options, String clusterName) {
    super("the grid scheduler", "execmodels-grid-timer");
    this.options = options;
    this.clusterName = clusterName;
    this.payloads = new Payloads(options.allow());
    this.traits = new Traits(options.expectedMembers() * options.workersPerMember(),
        Traits.Preemption.FULL, Traits.Memory.ISOLATED, Integer.MAX_VALUE);
  }

  @Override
  public Traits traits() {
    return traits;
  }

  /**
   * Sends {@code job} to a member and parks until its outcome is back (see {@link
   * GridModelProvider} for every outcome). The job is checked before it is sent: it must
   * serialize, and pass this model's allow-list and graph limits, as it must on the member; and
   * the member must have its classes, in the same version, and admit them ({@link ClassProbe}).
   */
  @Override
  public <T> T compute(Job<T> job) throws Exception {
    long deadline = System.nanoTime() + options.jobTimeout().toNanos();
    Map<String, Long> classes = new LinkedHashMap<>();
    JobCarrier carrier = new JobCarrier(checked(job, classes));
    GridConnection c = connection();
    List<Member> lost = new ArrayList<>();
    while (true) {
      Member member = pick(c, lost);
      AtomicInteger count = inFlight.computeIfAbsent(member.getUuid(), u -> new AtomicInteger());
      count.incrementAndGet();
      Future<byte[]> future = null;
      try {
        Map<String, Long> unchecked = unchecked(member, classes);
        if (!unchecked.isEmpty()) {
          future = c.executor().submitToMember(ClassProbe.of(unchecked), member);
          requireReadable(await(future, deadline), member, unchecked);
        }
        future = c.executor().submitToMember(carrier, member);
        return outcome(await(future, deadline), member);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (!isLoss(cause)) {
          throw cause instanceof Exception x ? x : e;
        }
        lost.add(member);
        if (options.retry() == GridOptions.Retry.NONE) {
          throw new MemberLostException("member " + name(member) + " left the cluster while it"
              + " held this job, which may have run in part or in full (grid.retry=none; with"
              + " grid.retry=at-least-once it is sent to another member)", cause);
        }
      } catch (TimeoutException e) {
        future.cancel(true);
        throw new TimeoutException("the job took more than grid.jobTimeout ("
            + options.jobTimeout() + ") on member " + name(member) + "; it was cancelled there");
      } catch (InterruptedException e) {
        if (future != null) {
          future.cancel(true);
        }
        throw e;
      } finally {
        count.decrementAndGet();
      }
    }
  }

  /**
   * Waits for {@code future}, a Hazelcast executor's, until {@code deadline}, answering an
   * interrupt within {@link #FIRST_WAIT_NANOS}. Hazelcast's own {@code get} does not answer one:
   * it parks again, and sets the interrupt flag once the outcome is in, so a task interrupted
   * mid-job would wait for the whole job. A plain {@link CompletableFuture} fed by Hazelcast's
   * completion does answer, but that completion reaches it through another thread (about 0.3 ms
   * more a round trip, measured), so it is waited on only once the job has outlasted a first
   * wait on Hazelcast's {@code get}.
   */
  private static byte[] await(Future<byte[]> future, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    long first = Math.min(FIRST_WAIT_NANOS, deadline - System.nanoTime());
    try {
      return future.get(Math.max(0, first), TimeUnit.NANOSECONDS);
    } catch (TimeoutException stillRunning) {
      // Past the deadline, or a longer job: on to the interruptible wait below.
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted while the job ran");
    }
    // Every executor future of Hazelcast 5 (member and client side) is a CompletableFuture, of
    // the future's own type argument.
    @SuppressWarnings("unchecked")
    CompletionStage<byte[]> stage = (CompletionStage<byte[]>) future;
    CompletableFuture<byte[]> outcome = new CompletableFuture<>();
    stage.whenComplete((value, failure) -> {
      if (failure == null) {
        outcome.complete(value);
      } else {
        outcome.completeExceptionally(failure);
      }
    });
    return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /**
   * The job's bytes, if it serializes and this side's allow-list and limits admit it; each class
   * a member must load to read it goes into {@code classes} (see {@link ClassProbe#note}).
   */
  private byte[] checked(Job<?> job, Map<String, Long> classes) {
    byte[] bytes;
    try {
      bytes = Payloads.encode(job);
    } catch (IOException e) {
      throw new IllegalArgumentException("the job cannot be sent to the grid: it does not"
          + " serialize (" + e + "); a job and what it captures must be Serializable", e);
    }
    try {
      payloads.decode(bytes, 0, bytes.length, c -> ClassProbe.note(c, classes));
    } catch (FrameException e) {
      throw new IllegalArgumentException("the job cannot be sent to the grid: " + e.getMessage()
          + "; the members must allow it too (their grid.allow)", e);
    }
    return bytes;
  }

  /**
   * Those of {@code classes} that {@code member} has not yet been found to read. None for this
   * JVM's own member: it has this class path and reads with this allow-list.
   */
  private Map<String, Long> unchecked(Member member, Map<String, Long> classes) {
    if (member.localMember() || classes.isEmpty()) {
      return Map.of();
    }
    Set<String> known = readable.get(member.getUuid());
    if (known == null) {
      return classes;
    }
    Map<String, Long> left = new LinkedHashMap<>(classes);
    left.keySet().removeAll(known);
    return left;
  }

  /**
   * Remembers that {@code member} reads {@code classes}, as its {@code answer} to a {@link
   * ClassProbe} says, or fails the job unsent, naming the member and the problem.
   */
  private void requireReadable(byte[] answer, Member member, Map<String, Long> classes) {
    List<String> problems;
    try {
      problems = ClassProbe.problems(answer);
    } catch (IOException e) {
      throw new IllegalStateException("member " + name(member) + " answered a class check with"
          + " " + answer.length + " bytes that are not an answer: " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("member " + name(member) + " cannot read the job, so"
          + " it was not sent: " + String.join("; ", problems));
    }
    readable.computeIfAbsent(member.getUuid(), u -> ConcurrentHashMap.newKeySet())
        .addAll(classes.keySet());
  }

  private Object decodeFailure(byte[] bytes, Member member) {
    try {
      return Failures.decode(payloads, bytes, 1);
    } catch (FrameException e) {
      return new IllegalStateException("the job's failure on member " + name(member)
          + " cannot be read here: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T outcome(byte[] bytes, Member member) throws Exception {
    if (bytes.length > 0 && bytes[0] == JobCarrier.RESULT) {
      try {
        return (T) Values.decode(payloads, bytes, 1, bytes.length - 1);
      } catch (FrameException e) {
        throw new IllegalStateException("the job's result from member " + name(member)
            + " cannot be read here: " + e.getMessage(), e);
      }
    }
    if (bytes.length > 0 && bytes[0] == JobCarrier.FAILURE) {
      Object failure = decodeFailure(bytes, member);
      if (failure instanceof Exception x) {
        throw x;
      }
      throw (Error) failure;
    }
    throw new IllegalStateException("member " + name(member) + " answered with "
        + bytes.length + " bytes that are not a job's outcome");
  }

  /** Whether {@code t}, a job's failure as Hazelcast reports it, says its member is gone. */
  private static boolean isLoss(Throwable t) {
    return t instanceof MemberLeftException || t instanceof TargetNotMemberException
        || t instanceof TargetDisconnectedException;
  }

  /**
   * The member with the fewest of this model's jobs in flight, the first after the last choice
   * among equals, leaving out {@code lost}.
   */
  private Member pick(GridConnection c, List<Member> lost) {
    List<Member> members = new ArrayList<>(c.members());
    members.removeIf(m -> lost.stream().anyMatch(l -> l.getUuid().equals(m.getUuid())));
    if (members.isEmpty()) {
      throw new MemberLostException("no member is left to run the job"
          + (lost.isEmpty() ? "" : "; it was sent to " + names(lost) + ", which left"), null);
    }
    int start = Math.floorMod(nextMember.getAndIncrement(), members.size());
    Member best = null;
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get((start + i) % members.size());
      AtomicInteger n = inFlight.get(m.getUuid());
      int load = n == null ? 0 : n.get();
      if (load < fewest) {
        best = m;
        fewest = load;
      }
    }
    assert best != null : "a non-empty member list has a least busy member";
    return best;
  }

  private static String name(Member m) {
    return m.getAddress() + " (" + m.getUuid() + ")";
  }

  private static String names(List<Member> members) {
    return String.join(", ", members.stream().map(GridScheduler::name).toList());
  }

  private GridConnection connection() {
    // A lock, not a monitor: a task waiting for the connection to start (seconds) must not pin
    // its carrier on Java 21 to 23.
    connectionLock.lock();
    try {
      ensureOpen();
      if (connection == null) {
        connection = GridConnection.start(options, clusterName, payloads);
      }
      return connection;
    } finally {
      connectionLock.unlock();
    }
  }

  /**
   * The cluster connection first (the member or client shut down, its threads waited for), then
   * the fibers (the timers follow). Reading the connection under the lock that starts it: a
   * compute either started it, which is closed here, or is refused.
   */
  @Override
  protected boolean stop(GraceDeadline deadline) {
    GridConnection c;
    connectionLock.lock();
    try {
      c = connection;
    } finally {
      connectionLock.unlock();
    }
    boolean connectionDone = true;
    if (c != null) {
      try {
        connectionDone = c.close(System.nanoTime() + deadline.nanosLeft());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        connectionDone = false;
      }
    }
    return closeFibers(deadline.nanosLeft()) && connectionDone;
  }
}
