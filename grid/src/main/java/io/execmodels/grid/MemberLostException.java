package io.execmodels.grid;

/**
 * A compute job's member left the cluster (its JVM died, was killed, or its network went) while
 * it held the job, and the model was not asked to run it again ({@code grid.retry=none}), or no
 * member was left to run it on. The message names the member (its address and UUID); the cause,
 * if any, is Hazelcast's report of the loss. Whether the job ran, in part or in full, is unknown:
 * that is what {@code grid.retry=at-least-once} accepts when it sends the job again. Immutable.
 */
public final class MemberLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A loss described by {@code message}.
   *
   * @param message names the member and what became of the job
   * @param cause Hazelcast's report of the loss, or {@code null}
   */
  public MemberLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
