package io.execmodels.grid;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import io.execmodels.core.SchedulerModels;
import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.List;
import java.util.UUID;

/**
 * Registers the {@code grid} model: a pool whose workers are the members of a Hazelcast cluster.
 * Tasks run on virtual threads in this JVM, as on {@code process-pool}; {@code ctx.compute(job)}
 * runs the job on a member, through the cluster's {@code IExecutorService}, while the task parks.
 * Any number of tasks may compute at once (the model is thread-safe, as every model is); a
 * compute is a suspension point that blocks its task, never a carrier thread, for as long as the
 * job takes and at most {@code grid.jobTimeout}. The provider itself is stateless.
 *
 * <p><b>The cluster.</b> It starts on the first {@code compute} of a model instance (a member
 * takes about a second to start; a run that never computes starts none), and stops on {@link
 * ExecutionModel#close()}. With no configuration this JVM runs one member of its own, alone, in a
 * cluster named afresh for the model instance (else {@code grid.clusterName}, by default {@code
 * execmodels-grid} as {@link GridMember}'s), bound to 127.0.0.1 on the first free port from
 * {@code grid.port} (5701). With {@code grid.members} (comma-separated {@code host:port}), it
 * connects to those members as a Hazelcast client and runs no job itself; with {@code
 * grid.embedded=true} as well, it runs a member that joins them instead. Multicast and automatic
 * discovery are off: a member joins the listed addresses over tcp-ip, or nobody. Phone-home is
 * off. {@link GridMember} starts a standalone member with the same keys.
 *
 * <p><b>Traits.</b> Parallelism is the expected members times {@code grid.workersPerMember}
 * (each member's executor pool size; by default {@link Config#parallelism()}, else the CPUs). The
 * expected members are known from the configuration, not the live cluster: one when embedded
 * alone, the listed members as a client, and one more when embedded among them. Preemption
 * {@code FULL}, memory {@code ISOLATED}: a job and its result cross as copies.
 *
 * <p><b>The wire.</b> A job and its result cross as bytes, with multiprocess's codecs: Java
 * serialization behind the same allow-list ({@code Payloads.DEFAULT_ALLOWED} and {@code
 * grid.allow}) and graph limits as {@code process-pool}, each side reading with its own list. The
 * bytes travel inside a carrier class of this module's, and Hazelcast's Java deserialization
 * filter admits that class and byte arrays only.
 *
 * <p><b>Outcomes of {@code compute}</b>, each tested:
 *
 * <ul>
 *   <li>The job's result, decoded with this side's allow-list; a result it refuses fails the
 *       compute with {@link IllegalStateException} naming the class.
 *   <li>The job's exception, as itself when its classes serialize and this side's allow-list
 *       admits them, else as a {@link io.execmodels.multiprocess.RemoteTaskException} describing
 *       it (class, message, stack trace, causes), as on {@code process-pool}.
 *   <li>A job that does not serialize, or whose classes this side's allow-list or limits refuse,
 *       fails with {@link IllegalArgumentException} naming the class and {@code grid.allow},
 *       <em>before</em> it is sent. So does a job the chosen member cannot read: one of its
 *       classes is missing from the member's class path, or refused by the member's own
 *       allow-list, or another version there (its {@code serialVersionUID}); the exception names
 *       the member and the class. The model asks each member about a class once, before the
 *       first job that carries it, with a message of class names, and remembers the answer.
 *   <li>Its member leaves the cluster while it holds the job (its JVM killed, say): the job fails
 *       with {@link MemberLostException} naming the member ({@code grid.retry=none}, the default),
 *       or is sent again to another member ({@code grid.retry=at-least-once}): it may then have
 *       run twice. With no member left, it fails with {@link MemberLostException}.
 *   <li>No outcome within {@code grid.jobTimeout} (PT5M by default, re-runs included): the job is
 *       cancelled on its member and the compute fails with {@link
 *       java.util.concurrent.TimeoutException} naming the member. A client that cannot reach its
 *       members gives up after {@code grid.connectTimeout} (PT60S): the compute that started the
 *       connection fails with {@link IllegalStateException} naming the addresses, and the next
 *       compute tries again. No wait is unbounded.
 *   <li>The task's thread is interrupted while it waits: the job is cancelled on its member
 *       (its thread interrupted there), and the compute throws {@link InterruptedException}
 *       within 50 ms. A task <em>cancelled</em> while its job runs lets the job run to its end,
 *       as on {@code process-pool} and as a running {@code concurrent.futures} job does; the
 *       task sees its cancellation at its next suspension point.
 * </ul>
 *
 * <p><b>Close.</b> {@link ExecutionModel#close()} shuts the embedded member or the client down
 * and waits, within the close's grace, for every thread of it to end; its port is free once close
 * returns. This model starts no process: standalone members are the user's.
 *
 * <p><b>Security.</b> Community Hazelcast has no TLS and no authentication: anything that can
 * reach a member's port can join its cluster or send it jobs. The member port binds 127.0.0.1
 * unless {@code grid.interface} says otherwise; to span machines, run the members on a private
 * network only (see the module's README).
 */
public final class GridModelProvider implements ExecutionModelProvider {

  /** The model's name. */
  public static final String NAME = "grid";

  /** For {@link java.util.ServiceLoader}. */
  public GridModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "compute() on the members of a Hazelcast cluster (one embedded member by default)";
  }

  @Override
  public ExecutionModel open(Config config) {
    GridOptions o = GridOptions.from(config);
    return SchedulerModels.create(NAME, config, new GridScheduler(o, clusterName(o)));
  }

  /**
   * The configured cluster name; else a fresh one for a lone embedded member, so that two model
   * instances never meet, and {@link GridOptions#DEFAULT_CLUSTER}, {@link GridMember}'s, to join
   * members.
   */
  static String clusterName(GridOptions o) {
    if (!o.clusterName().isEmpty()) {
      return o.clusterName();
    }
    return o.members().isEmpty() ? "execmodels-grid-" + UUID.randomUUID()
        : GridOptions.DEFAULT_CLUSTER;
  }

  /** The {@code grid.*} options (see the class comment). */
  @Override
  public List<ModelOption> options() {
    return GridOptions.declared();
  }
}
