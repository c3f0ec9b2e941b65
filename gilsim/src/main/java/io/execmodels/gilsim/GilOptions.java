package io.execmodels.gilsim;

import io.execmodels.core.Config;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code gil.*} options of a {@code gil-threads} model, read from its {@link Config}.
 *
 * @param enabled whether there is a GIL ({@code gil.enabled}, default true; false is CPython
 *     3.13's free-threaded build, {@code PYTHON_GIL=0})
 * @param switchInterval {@code gil.switchInterval}, in seconds as {@code sys.setswitchinterval}
 *     takes it (default 0.005)
 */
record GilOptions(boolean enabled, Duration switchInterval) {
  static final String ENABLED = "gil.enabled";
  static final String SWITCH_INTERVAL = "gil.switchInterval";

  /**
   * The options of {@code config}.
   *
   * @throws IllegalArgumentException naming the option, if one is malformed or unknown
   */
  static GilOptions from(Config config) {
    boolean enabled = true;
    Duration interval = Gil.DEFAULT_SWITCH_INTERVAL;
    for (Map.Entry<String, String> e : config.options().entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if (!key.startsWith("gil.")) {
        continue;
      }
      switch (key) {
        case ENABLED -> enabled = switch (value) {
          case "true" -> true;
          case "false" -> false;
          default -> throw new IllegalArgumentException(
              ENABLED + " must be true or false, was '" + value + "'");
        };
        case SWITCH_INTERVAL -> interval = seconds(value);
        default -> throw new IllegalArgumentException("unknown option " + key + "; known: "
            + ENABLED + ", " + SWITCH_INTERVAL);
      }
    }
    return new GilOptions(enabled, interval);
  }

  private static Duration seconds(String value) {
    double s;
    try {
      s = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SWITCH_INTERVAL
          + " must be a number of seconds (0.005 for 5 ms), was '" + value + "'", e);
    }
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException(SWITCH_INTERVAL
          + ": switch interval must be strictly positive and finite, was '" + value + "'");
    }
    return Duration.ofNanos(Math.max(1, Math.round(Math.min(s, 86_400) * 1e9)));
  }
}
