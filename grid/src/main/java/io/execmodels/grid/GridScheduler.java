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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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

  private final GridOptions options;
  private final String clusterName;
  private final Payloads payloads;
  private final Traits traits;
  /** Jobs in flight per member, for the choice of the next member. */
  private final ConcurrentHashMap<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger nextMember = new AtomicInteger();
  /** Started by the first {@code compute}; guarded by {@code this}. */
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
   * serialize, and pass this model's allow-list and graph limits, as it must on the member.
   */
  @Override
  public <T> T compute(Job<T> job) throws Exception {
    long deadline = System.nanoTime() + options.jobTimeout().toNanos();
    JobCarrier carrier = new JobCarrier(checked(job));
    GridConnection c = connection();
    List<Member> lost = new ArrayList<>();
    while (true) {
      Member member = pick(c, lost);
      AtomicInteger count = inFlight.computeIfAbsent(member.getUuid(), u -> new AtomicInteger());
      count.incrementAndGet();
      Future<byte[]> future = null;
      try {
        future = c.executor().submitToMember(carrier, member);
        return outcome(future.get(Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS), member);
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

  /** The job's bytes, if it serializes and this side's allow-list and limits admit it. */
  private byte[] checked(Job<?> job) {
    byte[] bytes;
    try {
      bytes = Payloads.encode(job);
    } catch (IOException e) {
      throw new IllegalArgumentException("the job cannot be sent to the grid: it does not"
          + " serialize (" + e + "); a job and what it captures must be Serializable", e);
    }
    try {
      payloads.decode(bytes, 0, bytes.length);
    } catch (FrameException e) {
      throw new IllegalArgumentException("the job cannot be sent to the grid: " + e.getMessage()
          + "; the members must allow it too (their grid.allow)", e);
    }
    return bytes;
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

  private synchronized GridConnection connection() {
    ensureOpen();
    if (connection == null) {
      connection = GridConnection.start(options, clusterName, payloads);
    }
    return connection;
  }

  /**
   * The cluster connection first (the member or client shut down, its threads waited for), then
   * the fibers (the timers follow). Reading the connection under the lock that starts it: a
   * compute either started it, which is closed here, or is refused.
   */
  @Override
  protected boolean stop(GraceDeadline deadline) {
    GridConnection c;
    synchronized (this) {
      c = connection;
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
