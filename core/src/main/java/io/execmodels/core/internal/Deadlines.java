package io.execmodels.core.internal;

import java.time.Duration;

/** Deadlines on a nanosecond clock, saturating: a timeout of a century must not wrap around. */
final class Deadlines {
  private static final long FAR = Long.MAX_VALUE / 4;

  private Deadlines() {}

  /** {@code now + duration}, with durations beyond about 73 years treated as that. */
  static long after(long now, Duration duration) {
    long nanos = duration.compareTo(Duration.ofNanos(FAR)) > 0 ? FAR : duration.toNanos();
    return now + nanos;
  }
}
