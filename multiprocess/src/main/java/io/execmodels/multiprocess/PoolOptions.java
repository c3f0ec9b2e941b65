package io.execmodels.multiprocess;

import io.execmodels.core.Config;
import io.execmodels.core.Job;
import io.execmodels.multiprocess.internal.Payloads;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link WorkerPool} starts and runs its child JVMs. Immutable: each {@code with...} and
 * {@link #allow} returns a changed copy, and checks its argument (a bad one throws {@link
 * IllegalArgumentException} naming the option).
 */
public final class PoolOptions {

  /**
   * JVM options every child gets unless {@link #withJvmOptions} replaces them: the serial
   * collector (no GC worker threads to start in a small worker) and no {@code hsperfdata} file (a
   * killed child would leave it behind in the temporary directory).
   */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:-UsePerfData");

  private final int workers;
  private final List<String> jvmOptions;
  private final List<String> allowed;
  private final int maxFrameBytes;
  private final int maxTasksPerChild;
  private final Job<?> initializer;
  private final WorkerDeathPolicy onWorkerDeath;
  private final int prefetch;
  private final Duration startTimeout;
  private final Path cdsCache;
  private final long maxDecodeDepth;
  private final long maxDecodeRefs;

  private PoolOptions(int workers, List<String> jvmOptions, List<String> allowed,
      int maxFrameBytes, int maxTasksPerChild, Job<?> initializer,
      WorkerDeathPolicy onWorkerDeath, int prefetch, Duration startTimeout, Path cdsCache,
      long maxDecodeDepth, long maxDecodeRefs) {
    this.workers = workers;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.allowed = List.copyOf(allowed);
    this.maxFrameBytes = maxFrameBytes;
    this.maxTasksPerChild = maxTasksPerChild;
    this.initializer = initializer;
    this.onWorkerDeath = onWorkerDeath;
    this.prefetch = prefetch;
    this.startTimeout = startTimeout;
    this.cdsCache = cdsCache;
    this.maxDecodeDepth = maxDecodeDepth;
    this.maxDecodeRefs = maxDecodeRefs;
  }

  /**
   * The defaults: one worker per available processor, {@link #DEFAULT_JVM_OPTIONS}, the default
   * allow-list only, frames up to 64 MiB, children never retired, no initializer, {@link
   * WorkerDeathPolicy#BREAK_POOL}, at most 2 tasks held by a worker at once (see {@link
   * #withPrefetch}), 60 s to start, a class-data sharing archive cached in {@link
   * #defaultCdsCache()}, and decode limits of 256 levels and 1,000,000 references (see {@link
   * #withDecodeLimits}).
   *
   * @return the default options
   */
  public static PoolOptions defaults() {
    return new PoolOptions(Runtime.getRuntime().availableProcessors(), DEFAULT_JVM_OPTIONS,
        List.of(), 64 << 20, 0, null, WorkerDeathPolicy.BREAK_POOL, 2, Duration.ofSeconds(60),
        defaultCdsCache(), Payloads.MAX_DEPTH, Payloads.MAX_REFS);
  }

  /**
   * Where class-data sharing archives go by default: {@code $XDG_CACHE_HOME/execmodels/cds}, or
   * {@code ~/.cache/execmodels/cds}. A cache, kept between runs on purpose.
   *
   * @return the default cache directory; it may not exist yet
   */
  public static Path defaultCdsCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("execmodels").resolve("cds");
  }

  /**
   * The number of child JVMs; at least 1.
   *
   * @param n the number of child JVMs; at least 1
   * @return a copy with that many workers
   */
  public PoolOptions withWorkers(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + n);
    }
    return new PoolOptions(n, jvmOptions, allowed, maxFrameBytes, maxTasksPerChild, initializer,
        onWorkerDeath, prefetch, startTimeout, cdsCache, maxDecodeDepth,
        maxDecodeRefs);
  }

  /**
   * Replaces the children's JVM options (heap size, GC, system properties...).
   *
   * @param options the JVM options, each non-blank, in order; empty for none
   * @return a copy with those JVM options
   */
  public PoolOptions withJvmOptions(List<String> options) {
    for (String o : options) {
      if (o == null || o.isBlank()) {
        throw new IllegalArgumentException("jvmOptions must not hold blank entries: " + options);
      }
    }
    return new PoolOptions(workers, options, allowed, maxFrameBytes, maxTasksPerChild,
        initializer, onWorkerDeath, prefetch, startTimeout, cdsCache, maxDecodeDepth,
        maxDecodeRefs);
  }

  /**
   * Adds classes to the deserialization allow-list, on both sides: a class name ({@code
   * com.example.Point}), a package ({@code com.example.*}) or a package and its subpackages
   * ({@code com.example.**}). A serializable lambda needs the class it was written in allowed.
   *
   * @param patterns class names, {@code package.*} or {@code package.**} patterns
   * @return a copy with the patterns added to its allow-list
   */
  public PoolOptions allow(String... patterns) {
    List<String> more = new ArrayList<>(allowed);
    for (String p : patterns) {
      if (p == null || p.isBlank() || p.contains(";") || p.startsWith("!")
          || p.chars().anyMatch(Character::isWhitespace) || p.contains("=")) {
        throw new IllegalArgumentException("allow: '" + p + "' is not a class, package.* or"
            + " package.** pattern");
      }
      more.add(p);
    }
    return new PoolOptions(workers, jvmOptions, more, maxFrameBytes, maxTasksPerChild,
        initializer, onWorkerDeath, prefetch, startTimeout, cdsCache, maxDecodeDepth,
        maxDecodeRefs);
  }

  /**
   * The largest frame either side accepts, in bytes; at least 1024.
   *
   * @param bytes the largest frame, in bytes; at least 1024
   * @return a copy with that frame limit
   */
  public PoolOptions withMaxFrameBytes(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + bytes);
    }
    return new PoolOptions(workers, jvmOptions, allowed, bytes, maxTasksPerChild, initializer,
        onWorkerDeath, prefetch, startTimeout, cdsCache, maxDecodeDepth,
        maxDecodeRefs);
  }

  /**
   * Retire a child after this many tasks (a map chunk counts as one), 0 for never.
   *
   * @param tasks how many tasks a child runs before it is replaced; 0 for never
   * @return a copy with that limit
   */
  public PoolOptions withMaxTasksPerChild(int tasks) {
    if (tasks < 0) {
      throw new IllegalArgumentException("maxTasksPerChild must not be negative, was " + tasks);
    }
    return new PoolOptions(workers, jvmOptions, allowed, maxFrameBytes, tasks, initializer,
        onWorkerDeath, prefetch, startTimeout, cdsCache, maxDecodeDepth,
        maxDecodeRefs);
  }

  /**
   * A job every child runs once, before its first task; its result is dropped. If it fails, the
   * pool is broken ({@link BrokenWorkerException} caused by the failure).
   *
   * @param job the initializer; not null
   * @return a copy with that initializer
   */
  public PoolOptions withInitializer(Job<?> job) {
    return new PoolOptions(workers, jvmOptions, allowed, maxFrameBytes, maxTasksPerChild,
        Objects.requireNonNull(job, "initializer"), onWorkerDeath, prefetch, startTimeout,
        cdsCache, maxDecodeDepth, maxDecodeRefs);
  }

  /**
   * What an unexpected worker death does to the pool.
   *
   * @param policy what to do when a worker dies unexpectedly; not null
   * @return a copy with that policy
   */
  public PoolOptions withOnWorkerDeath(WorkerDeathPolicy policy) {
    return new PoolOptions(workers, jvmOptions, allowed, maxFrameBytes, maxTasksPerChild,
        initializer, Objects.requireNonNull(policy, "onWorkerDeath"), prefetch, startTimeout,
        cdsCache, maxDecodeDepth, maxDecodeRefs);
  }

  /**
   * How many tasks a worker may hold at once, running and sent ahead; at least 1. Fewer balances
   * long tasks better across workers. While a worker's tasks take under a millisecond each, it may
   * hold up to 64 (or this, if more), so that the round trip does not throttle short tasks.
   *
   * @param tasks how many tasks a worker may hold at once; at least 1
   * @return a copy with that prefetch
   */
  public PoolOptions withPrefetch(int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("prefetch must be at least 1, was " + tasks);
    }
    return new PoolOptions(workers, jvmOptions, allowed, maxFrameBytes, maxTasksPerChild,
        initializer, onWorkerDeath, tasks, startTimeout, cdsCache, maxDecodeDepth,
        maxDecodeRefs);
  }

  /**
   * How long starting workers may take, all of it (launch, connect, handshake, initializer,
   * READY), before the start kills them and fails naming the phase; positive.
   *
   * @param timeout how long starting the workers may take in all; positive
   * @return a copy with that start timeout
   */
  public PoolOptions withStartTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("startTimeout must be positive, was " + timeout);
    }
    return new PoolOptions(workers, jvmOptions, allowed, maxFrameBytes, maxTasksPerChild,
        initializer, onWorkerDeath, prefetch, timeout, cdsCache, maxDecodeDepth, maxDecodeRefs);
  }

  /**
   * Where the children's class-data sharing archive is kept (created on first use, JDK 19+), or
   * {@code null} for none.
   *
   * @param directory the archive's directory; null for no archive
   * @return a copy with that cache
   */
  public PoolOptions withCdsCache(Path directory) {
    return new PoolOptions(workers, jvmOptions, allowed, maxFrameBytes, maxTasksPerChild,
        initializer, onWorkerDeath, prefetch, startTimeout, directory, maxDecodeDepth,
        maxDecodeRefs);
  }

  /**
   * Bounds what either side deserializes from the other (JEP 290's {@code maxdepth} and {@code
   * maxrefs}): objects nested at most {@code maxDepth} deep, at most {@code maxRefs} objects and
   * references in one payload. A payload over a limit is refused naming it: a result fails its
   * task, a job ends the child that got it. Arrays are bounded by the payload's own size and
   * frames by {@link #withMaxFrameBytes}. Deep graphs also need stack: past a few hundred levels
   * serialization overflows a thread's default stack, which fails the value as too deep.
   *
   * @param maxDepth the deepest object nesting a payload may have; at least 1
   * @param maxRefs the most objects and references one payload may hold; at least 1
   * @return a copy with those limits
   * @throws IllegalArgumentException if a limit is below 1
   */
  public PoolOptions withDecodeLimits(int maxDepth, long maxRefs) {
    if (maxDepth < 1 || maxRefs < 1) {
      throw new IllegalArgumentException("decode limits must be at least 1, were maxDepth "
          + maxDepth + " and maxRefs " + maxRefs);
    }
    return new PoolOptions(workers, jvmOptions, allowed, maxFrameBytes, maxTasksPerChild,
        initializer, onWorkerDeath, prefetch, startTimeout, cdsCache, maxDepth, maxRefs);
  }

  /**
   * The deepest object nesting a payload may have.
   *
   * @return the deepest nesting allowed; at least 1
   */
  public long maxDecodeDepth() {
    return maxDecodeDepth;
  }

  /**
   * The most objects and references a payload may hold.
   *
   * @return the most objects and references allowed; at least 1
   */
  public long maxDecodeRefs() {
    return maxDecodeRefs;
  }

  /**
   * The number of child JVMs.
   *
   * @return the number of child JVMs; at least 1
   */
  public int workers() {
    return workers;
  }

  /**
   * The children's JVM options.
   *
   * @return the JVM options, in order; empty for none
   */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /**
   * The allow-list patterns added to the default ones.
   *
   * @return the patterns added, in order; empty if none
   */
  public List<String> allowed() {
    return allowed;
  }

  /**
   * The largest frame either side accepts.
   *
   * @return the largest frame, in bytes
   */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * Tasks after which a child is retired, 0 for never.
   *
   * @return the number of tasks a child runs before retiring; 0 for never
   */
  public int maxTasksPerChild() {
    return maxTasksPerChild;
  }

  /**
   * The initializer, if any.
   *
   * @return the initializer, or empty if none
   */
  public Optional<Job<?>> initializer() {
    return Optional.ofNullable(initializer);
  }

  /**
   * What an unexpected worker death does.
   *
   * @return the policy for an unexpected worker death
   */
  public WorkerDeathPolicy onWorkerDeath() {
    return onWorkerDeath;
  }

  /**
   * How many tasks a worker holds at most.
   *
   * @return the most tasks a worker holds at once; at least 1
   */
  public int prefetch() {
    return prefetch;
  }

  /**
   * How long a start may take.
   *
   * @return how long starting the workers may take in all
   */
  public Duration startTimeout() {
    return startTimeout;
  }

  /**
   * The class-data sharing cache directory, if any.
   *
   * @return the archive's directory, or empty for no archive
   */
  public Optional<Path> cdsCache() {
    return Optional.ofNullable(cdsCache);
  }

  /**
   * These options with what {@code config} sets of the three a model on child JVMs takes from
   * core's configuration: {@code <namespace>.jvmOptions} (space-separated), {@code
   * <namespace>.allow} ({@code ;}-separated patterns) and {@code <namespace>.startTimeout} (an
   * ISO-8601 duration). The {@code process-pool} and {@code cluster} models read theirs so.
   *
   * @param config the configuration to read
   * @param namespace the model's option namespace ({@code process-pool})
   * @return a copy with those options applied
   * @throws IllegalArgumentException naming the option, if one is malformed
   */
  public PoolOptions withConfig(Config config, String namespace) {
    String prefix = namespace + ".";
    PoolOptions o = this;
    var jvm = config.option(prefix + "jvmOptions");
    if (jvm.isPresent()) {
      o = o.withJvmOptions(Arrays.stream(jvm.get().trim().split("\\s+"))
          .filter(s -> !s.isEmpty()).toList());
    }
    var allow = config.option(prefix + "allow");
    if (allow.isPresent()) {
      o = o.allow(Arrays.stream(allow.get().split(";")).map(String::trim)
          .filter(s -> !s.isEmpty()).toArray(String[]::new));
    }
    var start = config.option(prefix + "startTimeout");
    if (start.isPresent()) {
      try {
        o = o.withStartTimeout(Duration.parse(start.get().trim()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(prefix + "startTimeout must be an ISO-8601 duration"
            + " (PT30S), was '" + start.get() + "'", e);
      }
    }
    return o;
  }
}
