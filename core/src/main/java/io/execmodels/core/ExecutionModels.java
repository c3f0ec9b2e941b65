package io.execmodels.core;

import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Opens models by name. Models are found with {@link ServiceLoader} as {@link
 * ExecutionModelProvider}s: adding a model module to the class path (or module path) makes its
 * names available. Thread-safe.
 *
 * <p><b>Options.</b> A model's options ({@link #optionsOf}) come from {@link Config#withOption},
 * from {@code -Dexecmodels.<key>} system properties, and, for a model opened by name ({@link
 * #open()}, {@link #open(String)}), from environment variables ({@link
 * ModelOption#environmentVariable()}; a system property wins over the environment). Opening a
 * model refuses a key in one of its namespaces that it does not declare ({@code csp.parkSpin}),
 * naming the nearest of its keys; keys of other models' namespaces are left to them.
 */
public final class ExecutionModels {

  private ExecutionModels() {}

  /**
   * The names of the models available here, sorted.
   *
   * @return the available models' names, sorted; empty if there is none
   * @throws java.util.ServiceConfigurationError if a provider is broken
   */
  public static List<String> available() {
    return List.copyOf(providers().keySet());
  }

  /**
   * Opens the model named by {@code -Dexecmodels.model}, with the other {@code execmodels.*}
   * system properties as its configuration.
   *
   * @return the opened model, which the caller closes
   * @throws IllegalStateException if {@code execmodels.model} is not set (the message lists the
   *     available names)
   * @throws UnknownModelException if no model has that name
   */
  public static ExecutionModel open() {
    Config config = Config.fromSystemProperties();
    if (config.model().isEmpty()) {
      throw new IllegalStateException(
          "no model chosen: set -D" + Config.PREFIX + "model to one of " + available());
    }
    return open(withEnvironment(config));
  }

  /**
   * Opens the model of this name with the {@code execmodels.*} system properties as its
   * configuration (their {@code execmodels.model}, if any, is ignored).
   *
   * @param name the model's name ({@code csp}, {@code eventloop}...)
   * @return the opened model, which the caller closes
   * @throws UnknownModelException if no model has that name
   */
  public static ExecutionModel open(String name) {
    return open(withEnvironment(Config.fromSystemProperties().withModel(name)));
  }

  /**
   * Opens the model {@code config} names, configured by it.
   *
   * @param config the configuration, naming the model
   * @return the opened model, which the caller closes
   * @throws IllegalArgumentException if {@code config} names no model, holds an option the model
   *     does not have (see the class comment), or a setting the model rejects
   * @throws UnknownModelException if no model has that name
   */
  public static ExecutionModel open(Config config) {
    String name = config.model().orElseThrow(
        () -> new IllegalArgumentException("config names no model; available: " + available()));
    Map<String, ExecutionModelProvider> providers = providers();
    ExecutionModelProvider provider = provider(providers, name);
    checkOptions(name, provider, providers, config);
    return provider.open(config);
  }

  /**
   * The options the model of this name declares, sorted by key: what {@link Config#withOption}
   * and {@code -Dexecmodels.<key>} may set for it.
   *
   * @param name the model's name
   * @return the model's options, sorted by key; empty if it has none
   * @throws UnknownModelException if no model has that name
   */
  public static List<ModelOption> optionsOf(String name) {
    return provider(providers(), name).options().stream()
        .sorted(Comparator.comparing(ModelOption::key)).toList();
  }

  private static ExecutionModelProvider provider(
      Map<String, ExecutionModelProvider> providers, String name) {
    ExecutionModelProvider provider = providers.get(name);
    if (provider == null) {
      throw new UnknownModelException(name, List.copyOf(providers.keySet()));
    }
    return provider;
  }

  /** {@code config} with the environment's values of the model's options that it does not set. */
  private static Config withEnvironment(Config config) {
    ExecutionModelProvider provider = providers().get(config.model().orElseThrow());
    if (provider == null) {
      return config; // open(config) reports the unknown name
    }
    Config c = config;
    for (ModelOption o : provider.options()) {
      String value = System.getenv(o.environmentVariable());
      if (value != null && c.option(o.key()).isEmpty()) {
        c = c.withOption(o.key(), value.trim());
      }
    }
    return c;
  }

  /**
   * Refuses a key that is in one of the model's namespaces but none of its options, or that is in
   * no model's namespace and is a near miss of one of its options ({@code cps.parkSpins}).
   */
  private static void checkOptions(String name, ExecutionModelProvider provider,
      Map<String, ExecutionModelProvider> providers, Config config) {
    List<ModelOption> declared = provider.options();
    if (declared.isEmpty()) {
      return;
    }
    Set<String> keys = declared.stream().map(ModelOption::key).collect(Collectors.toSet());
    Set<String> own = declared.stream().map(ModelOption::namespace).collect(Collectors.toSet());
    Set<String> anyModels = new HashSet<>();
    for (ExecutionModelProvider p : providers.values()) {
      p.options().forEach(o -> anyModels.add(o.namespace()));
    }
    for (String key : config.options().keySet()) {
      if (keys.contains(key)) {
        continue;
      }
      int dot = key.indexOf('.');
      String namespace = dot > 0 ? key.substring(0, dot) : "";
      String nearest = nearest(key, keys);
      boolean nearMiss = distance(key.toLowerCase(Locale.ROOT), nearest.toLowerCase(Locale.ROOT))
          <= 2;
      if (own.contains(namespace) || (!anyModels.contains(namespace) && nearMiss)) {
        throw new IllegalArgumentException("model '" + name + "' has no option '" + key
            + "'; did you mean '" + nearest + "'? Its options: " + keys.stream().sorted().toList()
            + " (ExecutionModels.optionsOf(\"" + name + "\") describes them)");
      }
    }
  }

  private static String nearest(String key, Set<String> keys) {
    String k = key.toLowerCase(Locale.ROOT);
    return keys.stream()
        .min(Comparator.<String>comparingInt(c -> distance(k, c.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()))
        .orElseThrow();
  }

  /** Levenshtein's edit distance, one row at a time. */
  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        int substitution = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(substitution, Math.min(above, row[j - 1]) + 1);
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  private static Map<String, ExecutionModelProvider> providers() {
    Map<String, ExecutionModelProvider> byName = new TreeMap<>();
    for (ExecutionModelProvider provider : ServiceLoader.load(ExecutionModelProvider.class)) {
      for (String name : provider.names()) {
        ExecutionModelProvider clash = byName.putIfAbsent(name, provider);
        if (clash != null && clash.getClass() != provider.getClass()) {
          throw new IllegalStateException("two providers claim the model name '" + name
              + "': " + clash.getClass().getName() + " and " + provider.getClass().getName());
        }
      }
    }
    return byName;
  }
}
