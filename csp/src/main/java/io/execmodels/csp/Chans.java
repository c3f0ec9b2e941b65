package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.SendChannel;

/**
 * Go's built-in {@code len} and {@code cap} on channels, with Go's meaning for a nil channel: a
 * {@code null} channel (this library's nil channel, as in a select) has length and capacity 0,
 * where calling {@code size()} on it would throw {@link NullPointerException}.
 *
 * <p>Thread-safe; never a suspension point. A length is a snapshot, as in Go.
 */
public final class Chans {
  private Chans() {}

  /** {@code len(ch)}: the values in its buffer now; 0 for a {@code null} (nil) channel. */
  public static int len(Channel<?> ch) {
    return ch == null ? 0 : ch.size();
  }

  /** {@code len(ch)} of a receive-only view; 0 for a {@code null} (nil) channel. */
  public static int len(ReceiveChannel<?> ch) {
    return ch == null ? 0 : ch.size();
  }

  /** {@code len(ch)} of a send-only view; 0 for a {@code null} (nil) channel. */
  public static int len(SendChannel<?> ch) {
    return ch == null ? 0 : ch.size();
  }

  /** {@code cap(ch)}: its buffer size, 0 if unbuffered; 0 for a {@code null} (nil) channel. */
  public static int cap(Channel<?> ch) {
    return ch == null ? 0 : ch.capacity();
  }

  /** {@code cap(ch)} of a receive-only view; 0 for a {@code null} (nil) channel. */
  public static int cap(ReceiveChannel<?> ch) {
    return ch == null ? 0 : ch.capacity();
  }

  /** {@code cap(ch)} of a send-only view; 0 for a {@code null} (nil) channel. */
  public static int cap(SendChannel<?> ch) {
    return ch == null ? 0 : ch.capacity();
  }
}
