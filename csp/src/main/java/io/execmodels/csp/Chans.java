package io.execmodels.csp;

import com.google.common.collect.MapMaker;
import io.execmodels.core.Channel;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.SendChannel;
import java.util.Collections;
import java.util.Set;

/**
 * Go's built-in {@code len} and {@code cap} on channels, with Go's meaning for a nil channel: a
 * {@code null} channel (this library's nil channel, as in a select) has length and capacity 0,
 * where calling {@code size()} on it would throw {@link NullPointerException}. And with Go 1.23's
 * for a {@link Timer}'s channel: 0 for both, always, as its one pending value is the timer's, not
 * a buffer's (the channel's own {@code size()} and {@code capacity()} say 1 and up to 1).
 *
 * <p>Thread-safe; never a suspension point. A length is a snapshot, as in Go.
 */
public final class Chans {
  private Chans() {}

  /**
   * The channels of timers, which report 0 here: by identity, weakly, so a timer's channel is
   * forgotten with it.
   */
  private static final Set<Object> SYNCHRONOUS =
      Collections.newSetFromMap(new MapMaker().weakKeys().makeMap());

  /** Makes {@code len} and {@code cap} report 0 for {@code channel}: a timer's (see above). */
  static void reportAsSynchronous(Channel<?> channel) {
    SYNCHRONOUS.add(channel);
  }

  private static boolean synchronous(Object ch) {
    return SYNCHRONOUS.contains(ch);
  }

  /**
   * {@code len(ch)}: the values in its buffer now; 0 for a {@code null} (nil) channel.
   *
   * @param ch the channel; may be {@code null} (nil)
   * @return the number of values in its buffer now; 0 for an unbuffered or {@code null} channel
   */
  public static int len(Channel<?> ch) {
    return ch == null || synchronous(ch) ? 0 : ch.size();
  }

  /**
   * {@code len(ch)} of a receive-only view; 0 for a {@code null} (nil) channel.
   *
   * @param ch the channel; may be {@code null} (nil)
   * @return the number of values in its buffer now; 0 for an unbuffered or {@code null} channel
   */
  public static int len(ReceiveChannel<?> ch) {
    return ch == null || synchronous(ch) ? 0 : ch.size();
  }

  /**
   * {@code len(ch)} of a send-only view; 0 for a {@code null} (nil) channel.
   *
   * @param ch the channel; may be {@code null} (nil)
   * @return the number of values in its buffer now; 0 for an unbuffered or {@code null} channel
   */
  public static int len(SendChannel<?> ch) {
    return ch == null || synchronous(ch) ? 0 : ch.size();
  }

  /**
   * {@code cap(ch)}: its buffer size, 0 if unbuffered; 0 for a {@code null} (nil) channel.
   *
   * @param ch the channel; may be {@code null} (nil)
   * @return its buffer size; 0 for an unbuffered or {@code null} channel
   */
  public static int cap(Channel<?> ch) {
    return ch == null || synchronous(ch) ? 0 : ch.capacity();
  }

  /**
   * {@code cap(ch)} of a receive-only view; 0 for a {@code null} (nil) channel.
   *
   * @param ch the channel; may be {@code null} (nil)
   * @return its buffer size; 0 for an unbuffered or {@code null} channel
   */
  public static int cap(ReceiveChannel<?> ch) {
    return ch == null || synchronous(ch) ? 0 : ch.capacity();
  }

  /**
   * {@code cap(ch)} of a send-only view; 0 for a {@code null} (nil) channel.
   *
   * @param ch the channel; may be {@code null} (nil)
   * @return its buffer size; 0 for an unbuffered or {@code null} channel
   */
  public static int cap(SendChannel<?> ch) {
    return ch == null || synchronous(ch) ? 0 : ch.capacity();
  }
}
