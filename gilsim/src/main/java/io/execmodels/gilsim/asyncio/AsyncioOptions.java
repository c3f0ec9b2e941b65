package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Config;
import java.time.Duration;

/**
 * The {@code asyncio.*} options of a {@link Config}: {@code asyncio.debug} (asyncio's debug mode,
 * default false), {@code asyncio.slowCallbackMillis} (debug mode's threshold, default 100),
 * {@code asyncio.executorThreads} (the default executor's size, default {@code min(32, cpus +
 * 4)}, as CPython's {@code ThreadPoolExecutor}).
 */
record AsyncioOptions(boolean debug, Duration slowCallback, int executorThreads, int turnSpins) {
  static final String DEBUG = "asyncio.debug";
  static final String SLOW_CALLBACK_MILLIS = "asyncio.slowCallbackMillis";
  static final String EXECUTOR_THREADS = "asyncio.executorThreads";
  static final String TURN_SPINS = "asyncio.turnSpins";

  static AsyncioOptions from(Config config) {
    int cpus = Runtime.getRuntime().availableProcessors();
    boolean debug = false;
    long slowMillis = 100;
    int threads = Math.min(32, cpus + 4);
    // As eventloop: spinning for the turn pays only when another carrier can hand it back.
    int spins = cpus > 1 ? 200 : 0;
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
        default -> throw new IllegalArgumentException("unknown option " + key + "; known: "
            + DEBUG + ", " + SLOW_CALLBACK_MILLIS + ", " + EXECUTOR_THREADS + ", " + TURN_SPINS);
      }
    }
    return new AsyncioOptions(debug, Duration.ofMillis(slowMillis), threads, spins);
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
