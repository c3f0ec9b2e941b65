package io.execmodels.eventloop;

/**
 * The outcome of one promise in {@link Promise#allSettled}: Node's {@code {status, value}} or
 * {@code {status, reason}}.
 *
 * @param <T> the type of the promise's value
 * @param status whether it was fulfilled or rejected
 * @param value its value if fulfilled, else {@code null}
 * @param reason its failure if rejected, else {@code null}
 */
public record Settled<T>(Status status, T value, Throwable reason) {

  /** Node's {@code 'fulfilled'} and {@code 'rejected'}. */
  public enum Status {
    /** The promise was fulfilled with {@code value}. */
    FULFILLED,
    /** The promise was rejected with {@code reason}. */
    REJECTED
  }

  static <T> Settled<T> fulfilled(T value) {
    return new Settled<>(Status.FULFILLED, value, null);
  }

  static <T> Settled<T> rejected(Throwable reason) {
    return new Settled<>(Status.REJECTED, null, reason);
  }
}
