package io.execmodels.grid;

import io.execmodels.core.Config;
import io.execmodels.core.ModelOption;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code grid.*} options, parsed and checked once: what the model and a standalone {@link
 * GridMember} read, from core's {@link Config} or from system properties. Immutable and
 * thread-safe; a malformed value throws {@link IllegalArgumentException} naming its key.
 */
final class GridOptions {

  /** The option namespace. */
  static final String NS = "grid";

  /** The cluster name of a standalone member, and of members joined, unless configured. */
  static final String DEFAULT_CLUSTER = "execmodels-grid";

  /** The member port a lone embedded member and {@link GridMember} start from by default. */
  static final int DEFAULT_PORT = 5701;

  /** The name of the executor service every member configures and the model submits to. */
  static final String EXECUTOR = "execmodels-grid";

  /** What happens to a job whose member leaves the cluster while it runs it. */
  enum Retry {
    /** The job fails with {@link MemberLostException}. */
    NONE,
    /** The job is sent again, to another member, until it ends or its timeout. */
    AT_LEAST_ONCE
  }

  private final String clusterName;
  private final List<String> members;
  private final int port;
  private final String networkInterface;
  private final Duration jobTimeout;
  private final Duration connectTimeout;
  private final Retry retry;
  private final String allow;
  private final boolean embedded;
  private final int workersPerMember;

  private GridOptions(String clusterName, List<String> members, int port,
      String networkInterface, Duration jobTimeout, Duration connectTimeout, Retry retry,
      String allow, boolean embedded, int workersPerMember) {
    this.clusterName = clusterName;
    this.members = List.copyOf(members);
    this.port = port;
    this.networkInterface = networkInterface;
    this.jobTimeout = jobTimeout;
    this.connectTimeout = connectTimeout;
    this.retry = retry;
    this.allow = allow;
    this.embedded = embedded;
    this.workersPerMember = workersPerMember;
  }

  /** The options {@code config} sets; every other one has its default. */
  static GridOptions from(Config config) {
    int defaultWorkers = config.parallelism().orElse(Runtime.getRuntime().availableProcessors());
    return parse(key -> config.option(key), defaultWorkers);
  }

  /**
   * The options found by {@code lookup} (a key, {@code grid.port}, to its value if set), with
   * {@code defaultWorkers} workers per member unless {@code grid.workersPerMember} says otherwise.
   */
  static GridOptions parse(Function<String, Optional<String>> lookup, int defaultWorkers) {
    String clusterName = lookup.apply(key("clusterName")).map(String::trim).orElse("");
    List<String> members = lookup.apply(key("members"))
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .toList())
        .orElse(List.of());
    for (String m : members) {
      if (m.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(key("members") + " is a comma-separated list of"
            + " host:port addresses, had '" + m + "'");
      }
    }
    int port = lookup.apply(key("port")).map(v -> integer("port", v)).orElse(DEFAULT_PORT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(key("port") + " must be a TCP port (1 to 65535), was "
          + port);
    }
    String networkInterface = lookup.apply(key("interface")).map(String::trim)
        .orElse("127.0.0.1");
    if (networkInterface.isEmpty() || networkInterface.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(key("interface") + " must be one address (10.0.0.5, or"
          + " a wildcard such as 10.0.*.*), was '" + networkInterface + "'");
    }
    Duration timeout = lookup.apply(key("jobTimeout")).map(v -> duration("jobTimeout", v))
        .orElse(Duration.ofMinutes(5));
    Duration connectTimeout = lookup.apply(key("connectTimeout"))
        .map(v -> duration("connectTimeout", v)).orElse(Duration.ofSeconds(60));
    Retry retry = lookup.apply(key("retry")).map(GridOptions::retry).orElse(Retry.NONE);
    String allow = lookup.apply(key("allow")).map(GridOptions::allowList).orElse("");
    boolean embedded = lookup.apply(key("embedded")).map(GridOptions::bool)
        .orElse(members.isEmpty());
    if (!embedded && members.isEmpty()) {
      throw new IllegalArgumentException(key("embedded") + "=false joins a cluster as a client,"
          + " which needs its members' addresses in " + key("members"));
    }
    int workers = lookup.apply(key("workersPerMember")).map(v -> integer("workersPerMember", v))
        .orElse(defaultWorkers);
    if (workers < 1) {
      throw new IllegalArgumentException(key("workersPerMember") + " must be at least 1, was "
          + workers);
    }
    return new GridOptions(clusterName, members, port, networkInterface, timeout, connectTimeout,
        retry, allow, embedded, workers);
  }

  /** The options {@link GridMember} reads: system properties {@code execmodels.grid.*}. */
  static GridOptions fromSystemProperties() {
    return parse(k -> Optional.ofNullable(System.getProperty("execmodels." + k)),
        Runtime.getRuntime().availableProcessors());
  }

  /** The declared options, for {@code ExecutionModelProvider.options()}. */
  static List<ModelOption> declared() {
    return List.of(
        new ModelOption(key("clusterName"), "execmodels-grid; a fresh one per model instance"
            + " for a lone embedded member",
            "the Hazelcast cluster name to form or join; members of other names are ignored"),
        new ModelOption(key("members"), "none (one embedded member, alone)", "comma-separated"
            + " host:port addresses of the cluster's members (tcp-ip join; multicast is off)"),
        new ModelOption(key("port"), String.valueOf(DEFAULT_PORT), "the first port an embedded"
            + " member tries on 127.0.0.1 (the next free one is taken)"),
        new ModelOption(key("interface"), "127.0.0.1", "the address an embedded member binds"
            + " (that one only) and announces; set it to a private network's to span machines"),
        new ModelOption(key("jobTimeout"), "PT5M", "how long a compute job may take, sending and"
            + " any re-runs included, before it fails with a TimeoutException (ISO-8601)"),
        new ModelOption(key("connectTimeout"), "PT60S", "how long a client may try to reach"
            + " grid.members before the compute that started the connection fails (ISO-8601)"),
        new ModelOption(key("retry"), "none", "none: a job whose member leaves fails with"
            + " MemberLostException; at-least-once: it is sent again to another member"),
        new ModelOption(key("allow"), "the default allow-list only", "';'-separated patterns"
            + " (com.acme.**) of the classes a job and its result may carry, as"
            + " process-pool.allow"),
        new ModelOption(key("embedded"), "true without grid.members, false with them",
            "true: this JVM runs a member of its own (jobs may run here); false: it joins"
            + " grid.members as a Hazelcast client and runs no job"),
        new ModelOption(key("workersPerMember"), "Config.parallelism, else the number of CPUs",
            "jobs each member runs at once (its executor's pool size); parallelism is this"
            + " times the members"));
  }

  private static String key(String name) {
    return NS + "." + name;
  }

  private static int integer(String name, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key(name) + " must be an integer, was '" + v + "'", e);
    }
  }

  private static Duration duration(String name, String v) {
    Duration d;
    try {
      d = Duration.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key(name) + " must be an ISO-8601 duration"
          + " (PT30S), was '" + v + "'", e);
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key(name) + " must be positive, was " + v);
    }
    return d;
  }

  private static Retry retry(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> Retry.NONE;
      case "at-least-once" -> Retry.AT_LEAST_ONCE;
      default -> throw new IllegalArgumentException(key("retry") + " must be none or"
          + " at-least-once, was '" + v + "'");
    };
  }

  private static boolean bool(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key("embedded") + " must be true or false,"
          + " was '" + v + "'");
    };
  }

  /** Checks each pattern as {@code PoolOptions.allow} does and joins them with {@code ;}. */
  private static String allowList(String v) {
    List<String> patterns = new ArrayList<>();
    for (String p : v.split(";")) {
      String t = p.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (t.startsWith("!") || t.contains("=") || t.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(key("allow") + ": '" + t + "' is not a class,"
            + " package.* or package.** pattern");
      }
      patterns.add(t);
    }
    return String.join(";", patterns);
  }

  /** The cluster name, or empty for a fresh one per model instance. */
  String clusterName() {
    return clusterName;
  }

  /** The members' addresses, {@code host:port}; empty for a lone embedded member. */
  List<String> members() {
    return members;
  }

  /** The first port an embedded member tries. */
  int port() {
    return port;
  }

  /** The address a member binds and announces. */
  String networkInterface() {
    return networkInterface;
  }

  /** How long a job may take in all. */
  Duration jobTimeout() {
    return jobTimeout;
  }

  /** How long a client may try to reach its members. */
  Duration connectTimeout() {
    return connectTimeout;
  }

  /** What a member's loss does to its jobs. */
  Retry retry() {
    return retry;
  }

  /** The allow-list patterns added to {@code Payloads.DEFAULT_ALLOWED}, {@code ;}-separated. */
  String allow() {
    return allow;
  }

  /** Whether this JVM runs a member (else it is a client of {@link #members()}). */
  boolean embedded() {
    return embedded;
  }

  /** Jobs each member runs at once. */
  int workersPerMember() {
    return workersPerMember;
  }

  /**
   * How many members the model counts on for its parallelism: one when embedded alone, the
   * listed members as a client, and the listed members and this one when embedded among them
   * (unless this member's own address is listed, which the model cannot know before it starts).
   */
  int expectedMembers() {
    if (members.isEmpty()) {
      return 1;
    }
    return embedded ? members.size() + 1 : members.size();
  }
}
