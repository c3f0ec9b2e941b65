package io.execmodels.core;

import java.util.Locale;
import java.util.Objects;

/**
 * One option a model understands, as its provider declares it: the key set with {@link
 * Config#withOption} or {@code -Dexecmodels.<key>}, its default, and what it does. {@link
 * ExecutionModels#optionsOf} lists a model's options; opening a model refuses a key that is in one
 * of the model's namespaces (the part of its keys before the first dot: {@code csp}, {@code
 * eventloop}...) but is not one of its options, naming the nearest.
 *
 * @param key the option's key, {@code namespace.name}: {@code csp.parkSpins}
 * @param defaultValue the value it has when not set, as text ("the number of CPUs" is fine)
 * @param description what it does, one sentence
 */
public record ModelOption(String key, String defaultValue, String description) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the key has no namespace (no dot inside it)
   */
  public ModelOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    int dot = key.indexOf('.');
    if (dot <= 0 || dot == key.length() - 1) {
      throw new IllegalArgumentException(
          "an option's key is namespace.name (csp.parkSpins), was '" + key + "'");
    }
  }

  /**
   * The part of the key before its first dot: the namespace the model owns.
   *
   * @return the key's namespace ({@code csp} for {@code csp.parkSpins})
   */
  public String namespace() {
    return key.substring(0, key.indexOf('.'));
  }

  /**
   * The environment variable that sets this option when a model is opened by name: {@code
   * EXECMODELS_} and the key in upper case with dots and dashes as underscores ({@code
   * EXECMODELS_CSP_PARKSPINS}, {@code EXECMODELS_PROCESS_POOL_ALLOW}).
   *
   * @return the name of the environment variable
   */
  public String environmentVariable() {
    return "EXECMODELS_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
