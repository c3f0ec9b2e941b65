package io.execmodels.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.execmodels.core.Job;
import io.execmodels.multiprocess.RemoteTaskException;
import io.execmodels.multiprocess.internal.Failures;
import io.execmodels.multiprocess.internal.FrameException;
import io.execmodels.multiprocess.internal.Payloads;
import io.execmodels.multiprocess.internal.Values;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * What Hazelcast carries to a member: a job as the bytes {@link Payloads} made of it, and back
 * the outcome as bytes, so that Hazelcast's own deserialization only ever meets this class and
 * byte arrays (its filter allows nothing else, see {@link MemberConfigs}). The member reads the
 * job with <em>its</em> allow-list and graph limits (the {@link Payloads} its configuration holds
 * under {@link #PAYLOADS}), never with the sender's; the sender reads the outcome with its own.
 *
 * <p>The outcome is a tag byte and a body: {@link #RESULT} and the result in {@link Values}'
 * encoding, or {@link #FAILURE} and {@link Failures}' encoding of what the job threw (the
 * exception itself if it serializes, and its {@link RemoteTaskException} description in any
 * case). {@link #call} never throws: a job that cannot be read, or whose result cannot be sent,
 * is a failure like any other, so that no exception of the job's reaches Hazelcast's
 * serialization. Each instance is used once; not thread-safe.
 */
final class JobCarrier implements Callable<byte[]>, Serializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  /** The key of the member's {@link Payloads} in its Hazelcast user context. */
  static final String PAYLOADS = "io.execmodels.grid.payloads";

  /** The tag of a result. */
  static final byte RESULT = 'R';

  /** The tag of a failure. */
  static final byte FAILURE = 'F';

  private final byte[] job;
  /** Set by the member before {@link #call}; absent on the sending side. */
  private transient HazelcastInstance member;

  JobCarrier(byte[] job) {
    this.job = job;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.member = instance;
  }

  /** Runs the job on the member; returns its tagged outcome. */
  @Override
  public byte[] call() {
    try {
      Object payloads = member == null ? null : member.getUserContext().get(PAYLOADS);
      if (!(payloads instanceof Payloads p)) {
        throw new IllegalStateException("this Hazelcast member was not started by execmodels"
            + " (io.execmodels.grid.GridMember or the grid model), so it has no allow-list to"
            + " read a job with; it refuses to run one");
      }
      Object decoded;
      try {
        decoded = p.decode(job, 0, job.length);
      } catch (FrameException e) {
        throw new IllegalArgumentException("member " + localMember() + " cannot read the job: "
            + e.getMessage() + " (a member's own grid.allow and class path decide)", e);
      }
      if (!(decoded instanceof Job<?> j)) {
        throw new IllegalArgumentException("member " + localMember() + " was sent a "
            + (decoded == null ? "null" : decoded.getClass().getName()) + ", not a Job");
      }
      Object result = j.compute();
      byte[] body;
      try {
        body = Values.encode(result);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("the job's result, a " + result.getClass().getName()
            + ", cannot be sent back from member " + localMember() + ": " + e, e);
      }
      return tagged(RESULT, body);
    } catch (Throwable t) {
      // A thread of the member's executor must not die, and nothing of the job's may reach
      // Hazelcast's serialization: every failure, Errors included, goes back as bytes.
      return tagged(FAILURE, failure(t));
    }
  }

  private String localMember() {
    return member.getCluster().getLocalMember().getAddress().toString();
  }

  private static byte[] failure(Throwable t) {
    try {
      return Failures.encode(t);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      // Not even its description serialized (a message that fails to): send a bare one.
      try {
        return Failures.encode(new RemoteTaskException(t.getClass().getName(), null,
            new StackTraceElement[0], null, "its description did not serialize: " + e));
      } catch (IOException impossible) {
        throw new AssertionError("a RemoteTaskException of strings must serialize", impossible);
      }
    }
  }

  private static byte[] tagged(byte tag, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = tag;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }
}
