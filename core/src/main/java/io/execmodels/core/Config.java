package io.execmodels.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to open a model: its name, and the settings every model understands, plus free-form options
 * a model may read (each model documents its own).
 *
 * <p>Immutable; each {@code with...} method returns a changed copy. Built from code ({@link
 * #defaults()} then withers) or from system properties ({@link #fromSystemProperties()}):
 *
 * <table>
 *   <caption>System properties</caption>
 *   <tr><th>property</th><th>setting</th></tr>
 *   <tr><td>{@code execmodels.model}</td><td>{@link #model()}</td></tr>
 *   <tr><td>{@code execmodels.parallelism}</td><td>{@link #parallelism()}</td></tr>
 *   <tr><td>{@code execmodels.unhandled}</td><td>{@link #unhandledFailurePolicy()}:
 *       {@code fail_run} or {@code log}</td></tr>
 *   <tr><td>{@code execmodels.shutdownGrace}</td><td>{@link #shutdownGrace()}: {@code 500ms},
 *       {@code 10s} or ISO-8601 ({@code PT10S})</td></tr>
 *   <tr><td>{@code execmodels.leakCheck}</td><td>{@link #leakCheck()}: {@code true} or
 *       {@code false}</td></tr>
 *   <tr><td>any other {@code execmodels.<key>}</td><td>{@link #option(String) option} {@code
 *       <key>}</td></tr>
 * </table>
 */
public final class Config {

  /** The prefix of every system property this class reads. */
  public static final String PREFIX = "execmodels.";

  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  private static final Duration MAX_GRACE = Duration.ofDays(365);

  private final String model;
  private final int parallelism;
  private final UnhandledFailurePolicy unhandledFailurePolicy;
  private final Duration shutdownGrace;
  private final boolean leakCheck;
  private final Map<String, String> options;

  private Config(
      String model,
      int parallelism,
      UnhandledFailurePolicy policy,
      Duration shutdownGrace,
      boolean leakCheck,
      Map<String, String> options) {
    this.model = model;
    this.parallelism = parallelism;
    this.unhandledFailurePolicy = policy;
    this.shutdownGrace = shutdownGrace;
    this.leakCheck = leakCheck;
    this.options = options;
  }

  /**
   * No model chosen, the model's own parallelism, {@link UnhandledFailurePolicy#FAIL_RUN}, 10 s
   * grace.
   *
   * @return the default configuration
   */
  public static Config defaults() {
    return new Config(null, 0, UnhandledFailurePolicy.FAIL_RUN, DEFAULT_GRACE, false, Map.of());
  }

  /**
   * {@link #defaults()} overridden by the {@code execmodels.*} system properties.
   *
   * @return the defaults with the system properties applied
   */
  public static Config fromSystemProperties() {
    return fromProperties(System.getProperties());
  }

  /**
   * {@link #defaults()} overridden by the {@code execmodels.*} entries of {@code properties}.
   *
   * @param properties where to read the {@code execmodels.*} entries; other entries are ignored
   * @return the defaults with those entries applied
   * @throws IllegalArgumentException naming the property, if a value cannot be read
   */
  public static Config fromProperties(Properties properties) {
    Config config = defaults();
    Map<String, String> options = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      String key = name.substring(PREFIX.length());
      String value = properties.getProperty(name).trim();
      switch (key) {
        case "model" -> config = config.withModel(value);
        case "parallelism" -> config = config.withParallelism(parseInt(name, value));
        case "unhandled" -> config = config.withUnhandledFailurePolicy(parsePolicy(name, value));
        case "shutdownGrace" -> config = config.withShutdownGrace(parseDuration(name, value));
        case "leakCheck" -> config = config.withLeakCheck(parseBoolean(name, value));
        default -> options.put(key, value);
      }
    }
    return new Config(config.model, config.parallelism, config.unhandledFailurePolicy,
        config.shutdownGrace, config.leakCheck, Map.copyOf(options));
  }

  /**
   * The name of the model to open, if chosen.
   *
   * @return the model's name, or empty if none is chosen
   */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /**
   * How many CPU-bound tasks may run at once, if set (the model's default otherwise). Models for
   * which it has no meaning (an event loop) reject a value other than 1 when opened.
   *
   * @return the parallelism, or empty for the model's default
   */
  public OptionalInt parallelism() {
    return parallelism == 0 ? OptionalInt.empty() : OptionalInt.of(parallelism);
  }

  /**
   * What to do with failures nobody retrieved.
   *
   * @return the policy for unretrieved failures
   */
  public UnhandledFailurePolicy unhandledFailurePolicy() {
    return unhandledFailurePolicy;
  }

  /**
   * How long {@link ExecutionModel#close()} waits for tasks before cancelling them.
   *
   * @return the shutdown grace; between 0 and 365 days
   */
  public Duration shutdownGrace() {
    return shutdownGrace;
  }

  /**
   * Whether a run whose body returns while tasks it spawned are still running fails with a {@link
   * LeakException} (they are cancelled either way). Off by default.
   *
   * @return whether leak checking is on
   */
  public boolean leakCheck() {
    return leakCheck;
  }

  /**
   * A model-specific option.
   *
   * @param key the option's full key ({@code csp.parkSpins})
   * @return the option's value, or empty if it is not set
   */
  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  /**
   * Every model-specific option.
   *
   * @return the options set, by key; unmodifiable, empty if none
   */
  public Map<String, String> options() {
    return options;
  }

  /**
   * With the model of this name.
   *
   * @param name the model's name, as its provider registers it; not blank
   * @return a copy of this configuration with that model
   */
  public Config withModel(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("model name is blank");
    }
    return new Config(
        name, parallelism, unhandledFailurePolicy, shutdownGrace, leakCheck, options);
  }

  /**
   * With this parallelism.
   *
   * @param parallelism how many CPU-bound tasks may run at once; at least 1
   * @return a copy of this configuration with that parallelism
   * @throws IllegalArgumentException if {@code parallelism} is less than 1
   */
  public Config withParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    return new Config(
        model, parallelism, unhandledFailurePolicy, shutdownGrace, leakCheck, options);
  }

  /**
   * With this unhandled-failure policy.
   *
   * @param policy what to do with failures nobody retrieved; not null
   * @return a copy of this configuration with that policy
   */
  public Config withUnhandledFailurePolicy(UnhandledFailurePolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return new Config(model, parallelism, policy, shutdownGrace, leakCheck, options);
  }

  /**
   * With this shutdown grace.
   *
   * @param grace how long {@link ExecutionModel#close()} waits for tasks; 0 to 365 days
   * @return a copy of this configuration with that grace
   * @throws IllegalArgumentException if {@code grace} is negative or over 365 days
   */
  public Config withShutdownGrace(Duration grace) {
    if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      throw new IllegalArgumentException(
          "shutdown grace must be between 0 and 365 days, was " + grace);
    }
    return new Config(model, parallelism, unhandledFailurePolicy, grace, leakCheck, options);
  }

  /**
   * With leak checking on or off (see {@link #leakCheck()}).
   *
   * @param on whether a run that leaves tasks running fails
   * @return a copy of this configuration with leak checking so
   */
  public Config withLeakCheck(boolean on) {
    return new Config(model, parallelism, unhandledFailurePolicy, shutdownGrace, on, options);
  }

  /**
   * With a model-specific option.
   *
   * @param key the option's full key, in the model's namespace ({@code csp.parkSpins}); not null
   * @param value the option's value; not null
   * @return a copy of this configuration with that option set (replacing any value it had)
   */
  public Config withOption(String key, String value) {
    Map<String, String> copy = new TreeMap<>(options);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new Config(
        model, parallelism, unhandledFailurePolicy, shutdownGrace, leakCheck, Map.copyOf(copy));
  }

  @Override
  public String toString() {
    return "Config[model=" + model + ", parallelism=" + (parallelism == 0 ? "default" : parallelism)
        + ", unhandled=" + unhandledFailurePolicy + ", shutdownGrace=" + shutdownGrace
        + ", leakCheck=" + leakCheck
        + ", options=" + new TreeMap<>(options) + "]";
  }

  private static int parseInt(String property, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " must be an integer, was '" + value + "'", e);
    }
  }

  private static boolean parseBoolean(String property, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          property + " must be true or false, was '" + value + "'");
    };
  }

  private static UnhandledFailurePolicy parsePolicy(String property, String value) {
    try {
      return UnhandledFailurePolicy.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          property + " must be fail_run or log, was '" + value + "'", e);
    }
  }

  private static Duration parseDuration(String property, String value) {
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s") && !value.startsWith("P")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      return Duration.parse(value);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          property + " must be a duration such as 500ms, 10s or PT10S, was '" + value + "'", e);
    }
  }
}
