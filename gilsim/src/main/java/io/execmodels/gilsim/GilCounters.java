package io.execmodels.gilsim;

import java.time.Duration;

/** A {@link Gil}'s running totals; guarded by the GIL's mutex, so plain fields. */
final class GilCounters {
  long takes;
  long switches;
  long contendedTakes;
  long dropRequests;
  long forcedSwitches;
  long holdNanos;
  long waitNanos;

  /** The totals, with {@code holdingNanos} of the current holder's time counted as held. */
  GilStats snapshot(long holdingNanos) {
    return new GilStats(takes, switches, contendedTakes, dropRequests, forcedSwitches,
        Duration.ofNanos(holdNanos + holdingNanos), Duration.ofNanos(waitNanos));
  }
}
