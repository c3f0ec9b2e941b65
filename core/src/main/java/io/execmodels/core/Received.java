package io.execmodels.core;

/**
 * What a receive got, with Go's comma-ok: {@code v, ok := <-ch}. {@code ok} is {@code true} when
 * a value was received and {@code false} when the channel is closed and drained; then {@code
 * value} is {@code null}, this library's zero value (channels never carry {@code null}).
 *
 * <p>Immutable.
 *
 * @param value the value received, or {@code null} if {@code ok} is false
 * @param ok whether a value was received
 * @param <T> the type of the values
 */
public record Received<T>(T value, boolean ok) {

  private static final Received<?> CLOSED = new Received<>(null, false);

  /**
   * Checks the pairing Go's comma-ok has: a value exactly when {@code ok}.
   *
   * @throws IllegalArgumentException if {@code ok} and {@code value} disagree
   */
  public Received {
    if (ok == (value == null)) {
      throw new IllegalArgumentException(ok
          ? "a received value is never null (channels do not carry null)"
          : "a receive from a closed channel has no value, got " + value);
    }
  }

  /**
   * A value received.
   *
   * @param <T> the type of the channel's values
   * @param value the value received; not null
   * @return a {@code Received} with that value and {@code ok} true
   */
  public static <T> Received<T> of(T value) {
    return new Received<>(value, true);
  }

  /**
   * The channel was closed and drained.
   *
   * @param <T> the type of the channel's values
   * @return a {@code Received} with {@code ok} false and no value
   */
  @SuppressWarnings("unchecked")
  public static <T> Received<T> closed() {
    return (Received<T>) CLOSED;
  }
}
