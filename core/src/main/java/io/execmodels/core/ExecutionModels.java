package io.execmodels.core;

import io.execmodels.core.spi.ExecutionModelProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens models by name. Models are found with {@link ServiceLoader} as {@link
 * ExecutionModelProvider}s: adding a model module to the class path (or module path) makes its
 * names available. Thread-safe.
 */
public final class ExecutionModels {

  private ExecutionModels() {}

  /**
   * The names of the models available here, sorted.
   *
   * @throws java.util.ServiceConfigurationError if a provider is broken
   */
  public static List<String> available() {
    return List.copyOf(providers().keySet());
  }

  /**
   * Opens the model named by {@code -Dexecmodels.model}, with the other {@code execmodels.*}
   * system properties as its configuration.
   *
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
    return open(config);
  }

  /**
   * Opens the model of this name with the {@code execmodels.*} system properties as its
   * configuration (their {@code execmodels.model}, if any, is ignored).
   *
   * @throws UnknownModelException if no model has that name
   */
  public static ExecutionModel open(String name) {
    return open(Config.fromSystemProperties().withModel(name));
  }

  /**
   * Opens the model {@code config} names, configured by it.
   *
   * @throws IllegalArgumentException if {@code config} names no model, or a setting the model
   *     rejects
   * @throws UnknownModelException if no model has that name
   */
  public static ExecutionModel open(Config config) {
    String name = config.model().orElseThrow(
        () -> new IllegalArgumentException("config names no model; available: " + available()));
    Map<String, ExecutionModelProvider> providers = providers();
    ExecutionModelProvider provider = providers.get(name);
    if (provider == null) {
      throw new UnknownModelException(name, List.copyOf(providers.keySet()));
    }
    return provider.open(config);
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
