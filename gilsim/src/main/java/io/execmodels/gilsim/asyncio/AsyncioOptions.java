package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Config;
import io.execmodels.core.spi.Carriers;
import java.time.Duration;

/**
 * The {@code asyncio.*} options of a {@link Config}: {@code asyncio.debug} (asyncio's debug mode,
 * default false), {@code asyncio.slowCallbackMillis} (debug mode's threshold, default 100),
 * {@code asyncio.executorThreads} (the default executor's size, default {@code min(32, cpus +
 * 4)}, as CPython's {@code ThreadPoolExecutor}), {@code asyncio.turnSpins}, {@code
 * asyncio.carrier} ({@code default}, the default: the JDK's virtual-thread scheduler; {@code own}:
 * the loop and its tasks on one carrier thread of their own, refused at open unless {@link
 * Carriers#available()}; see {@link io.execmodels.core.spi.OneCarrier} for what that implies).
 */
record AsyncioOptions(boolean debug, Duration slowCallback, int executorThreads, int turnSpins,
    boolean ownCarrier) {
  static final String DEBUG = "asyncio.debug";
  static final String SLOW_CALLBACK_MILLIS = "asyncio.slowCallbackMillis";
  static final String EXECUTOR_THREADS = "asyncio.executorThreads";
  static final String TURN_SPINS = "asyncio.turnSpins";
  static final String CARRIER = "asyncio.carrier";

  static AsyncioOptions from(Config config) {
    int cpus = Runtime.getRuntime().availableProcessors();
    boolean debug = false;
    long slowMillis = 100;
    int threads = Math.min(32, cpus + 4);
    // As eventloop: spinning for the turn pays only when another carrier can hand it back.
    int spins = cpus > 1 ? 200 : 0;
    boolean own = false;
    for (var e : config.options().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith("asyncio.")) {
        continue;
      }
      String value = e.getValue().trim();
      switch (key) {
        case DEBUG -> {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
          }
          debug = Boolean.parseBoolean(value);
        }
        case SLOW_CALLBACK_MILLIS -> slowMillis = positive(key, value, 0);
        case EXECUTOR_THREADS -> threads = (int) positive(key, value, 1);
        case TURN_SPINS -> spins = (int) positive(key, value, 0);
        case CARRIER -> {
          if (!value.equals("own") && !value.equals("default")) {
            throw new IllegalArgumentException(
                key + " must be own or default, was '" + value + "'");
          }
          if (value.equals("own") && !Carriers.available()) {
            throw new IllegalArgumentException(key + "=own needs carrier control, which this JVM"
                + " does not allow: add --add-opens java.base/java.lang=ALL-UNNAMED");
          }
          own = value.equals("own");
        }
        default -> throw new IllegalArgumentException("unknown option " + key + "; known: "
            + DEBUG + ", " + SLOW_CALLBACK_MILLIS + ", " + EXECUTOR_THREADS + ", " + TURN_SPINS
            + ", " + CARRIER);
      }
    }
    return new AsyncioOptions(debug, Duration.ofMillis(slowMillis), threads, spins, own);
  }

  private static long positive(String key, String value, long min) {
    long v;
    try {
      v = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + value + "'", e);
    }
    if (v < min || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " must be at least " + min + ", was " + v);
    }
    return v;
  }
}
