package io.execmodels.gilsim;

import java.time.Duration;

/**
 * What a {@link Gil} has done since it was made: the figures that show what it costs. An
 * immutable snapshot.
 *
 * @param takes how many times a thread took the GIL
 * @param switches how many takes went to a thread other than the one that held it last
 * @param contendedTakes how many takes found the GIL held and had to wait
 * @param dropRequests how many times a waiter's switch interval ran out and it asked the holder
 *     to drop the GIL
 * @param forcedSwitches how many times a holder dropped the GIL on such a request
 * @param held how long the GIL has been held in all (including the current holder's time)
 * @param waited how long threads have waited for it in all
 */
public record GilStats(
    long takes,
    long switches,
    long contendedTakes,
    long dropRequests,
    long forcedSwitches,
    Duration held,
    Duration waited) {}
