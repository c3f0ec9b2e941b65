package io.execmodels.testkit.prop;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one-line replay of a counterexample: the property's name and the choices of its run, as
 * {@code name@c1.c2.c3} (an empty list is {@code name@}). Given as {@code
 * -Dexecmodels.sim.replay=...}, it makes the property named run exactly that example.
 */
final class Replay {

  /** The system property a replay line is read from. */
  static final String PROPERTY = "execmodels.sim.replay";

  private Replay() {}

  static String format(String name, long[] choices) {
    return name + "@" + Arrays.stream(choices).mapToObj(Long::toString)
        .collect(Collectors.joining("."));
  }

  /**
   * The choices {@code line} gives for property {@code name}, if it names that property.
   *
   * @throws IllegalArgumentException if the line cannot be read
   */
  static Optional<long[]> parse(String line, String name) {
    int at = line.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("a replay line is name@c1.c2..., was '" + line + "'");
    }
    if (!line.substring(0, at).equals(name)) {
      return Optional.empty();
    }
    String rest = line.substring(at + 1).trim();
    if (rest.isEmpty()) {
      return Optional.of(new long[0]);
    }
    try {
      return Optional.of(Arrays.stream(rest.split("\\.")).mapToLong(Long::parseLong).toArray());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a replay line's choices are numbers joined by dots,"
          + " was '" + line + "'", e);
    }
  }

  /** The quoted system-property form of a line, to paste into a command. */
  static String asSystemProperty(String line) {
    return "-D" + PROPERTY + "='" + line + "'";
  }
}
