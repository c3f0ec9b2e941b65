package io.execmodels.eventloop;

import io.execmodels.core.Config;
import io.execmodels.core.spi.Carriers;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an {@link EventLoop} is set up. Immutable; each {@code with} method returns a copy.
 *
 * @param threadpoolSize threads of the worker pool behind {@link EventLoop#queueWork} and {@code
 *     ctx.blocking}: libuv's {@code UV_THREADPOOL_SIZE}, 1 to 1024, default 4
 * @param blockedThreshold a callback (or a task's turn) holding the loop at least this long is
 *     reported with its stack and counted in {@link EventLoop#stats()}; {@link Duration#ZERO}
 *     turns the detector off; default 100 ms
 * @param turnSpins how many times a thread handing the loop's turn to another spins before it
 *     parks (see {@code README.md}); 0 on a single processor
 * @param onUnhandledRejection called on the loop with the reason of a promise rejected with no
 *     handler once the microtask queue drained (Node's {@code 'unhandledRejection'} listener);
 *     {@code null}, the default, treats it as an uncaught exception (Node ≥ 15)
 * @param onUncaughtException called on the loop with a failure a callback threw (Node's {@code
 *     'uncaughtException'} listener), and the loop goes on; {@code null}, the default, ends {@link
 *     EventLoop#run} with it
 * @param onRejectionHandled called on the loop with a promise that {@code onUnhandledRejection}
 *     was told of and that has got a handler since, after the microtask drain in which it got it
 *     (Node's {@code 'rejectionHandled'} listener); {@code null}, the default, for none
 * @param ownCarrier for the {@code eventloop} model: whether the loop and its tasks run on one
 *     carrier thread of their own ({@link Carriers}), so that a hand-off of the turn is a
 *     continuation switch there (option {@code eventloop.carrier}: {@code default}, the default,
 *     or {@code own}, refused unless the JVM allows it; see {@link
 *     io.execmodels.core.spi.OneCarrier} for what it implies). An {@link EventLoop} run by hand
 *     runs on its caller's thread and ignores it.
 */
public record LoopOptions(
    int threadpoolSize,
    Duration blockedThreshold,
    int turnSpins,
    Consumer<Throwable> onUnhandledRejection,
    Consumer<Throwable> onUncaughtException,
    Consumer<Promise<?>> onRejectionHandled,
    boolean ownCarrier) {

  /** The option (in {@link Config#option}) that sets {@link #threadpoolSize}. */
  public static final String THREADPOOL_SIZE = "eventloop.threadpoolSize";
  /** The option, in milliseconds, that sets {@link #blockedThreshold}. */
  public static final String BLOCKED_THRESHOLD_MILLIS = "eventloop.blockedThresholdMillis";
  /** The option that sets {@link #turnSpins}. */
  public static final String TURN_SPINS = "eventloop.turnSpins";
  /** The option that sets {@link #ownCarrier}: {@code own} or {@code default}. */
  public static final String CARRIER = "eventloop.carrier";

  /** Checks the values, naming the bad one. */
  public LoopOptions {
    if (threadpoolSize < 1 || threadpoolSize > 1024) {
      throw new IllegalArgumentException(
          "threadpoolSize must be between 1 and 1024, was " + threadpoolSize);
    }
    Objects.requireNonNull(blockedThreshold, "blockedThreshold");
    if (blockedThreshold.isNegative()) {
      throw new IllegalArgumentException("blockedThreshold must not be negative, was "
          + blockedThreshold);
    }
    if (turnSpins < 0) {
      throw new IllegalArgumentException("turnSpins must not be negative, was " + turnSpins);
    }
    if (ownCarrier && !Carriers.available()) {
      throw new IllegalArgumentException("an own carrier needs carrier control, which this JVM"
          + " does not allow: add --add-opens java.base/java.lang=ALL-UNNAMED");
    }
  }

  /**
   * Node's defaults: 4 workers, 100 ms threshold, throw on unhandled rejections; the model's
   * tasks on the default virtual-thread scheduler.
   *
   * @return the default options
   */
  public static LoopOptions defaults() {
    return new LoopOptions(4, Duration.ofMillis(100),
        Runtime.getRuntime().availableProcessors() > 1 ? 200 : 0, null, null, null, false);
  }

  /**
   * The defaults, with the {@code eventloop.*} options of {@code config} applied.
   *
   * @param config the configuration whose {@code eventloop.*} options apply; others are ignored
   * @return the options
   * @throws IllegalArgumentException naming the option, if one is malformed or unknown
   */
  public static LoopOptions from(Config config) {
    LoopOptions o = defaults();
    for (var e : config.options().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith("eventloop.")) {
        continue;
      }
      if (key.equals(CARRIER)) {
        o = o.withOwnCarrier(carrier(key, e.getValue().trim()));
        continue;
      }
      int value = parse(key, e.getValue());
      o = switch (key) {
        case THREADPOOL_SIZE -> o.withThreadpoolSize(value);
        case BLOCKED_THRESHOLD_MILLIS -> o.withBlockedThreshold(Duration.ofMillis(value));
        case TURN_SPINS -> o.withTurnSpins(value);
        default -> throw new IllegalArgumentException("unknown option " + key + "; known: "
            + THREADPOOL_SIZE + ", " + BLOCKED_THRESHOLD_MILLIS + ", " + TURN_SPINS + ", "
            + CARRIER);
      };
    }
    return o;
  }

  private static boolean carrier(String key, String value) {
    return switch (value) {
      case "own" -> {
        if (!Carriers.available()) {
          throw new IllegalArgumentException(key + "=own needs carrier control, which this JVM"
              + " does not allow: add --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        yield true;
      }
      case "default" -> false;
      default -> throw new IllegalArgumentException(
          key + " must be own or default, was '" + value + "'");
    };
  }

  private static int parse(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + value + "'", e);
    }
  }

  /**
   * With {@code n} worker threads.
   *
   * @param n the number of worker threads, 1 to 1024
   * @return a copy with that {@link #threadpoolSize}
   */
  public LoopOptions withThreadpoolSize(int n) {
    return new LoopOptions(n, blockedThreshold, turnSpins, onUnhandledRejection,
        onUncaughtException, onRejectionHandled, ownCarrier);
  }

  /**
   * With this blocked-loop threshold ({@link Duration#ZERO}: off).
   *
   * @param threshold how long a callback may hold the loop before it is reported; not negative
   * @return a copy with that {@link #blockedThreshold}
   */
  public LoopOptions withBlockedThreshold(Duration threshold) {
    return new LoopOptions(threadpoolSize, threshold, turnSpins, onUnhandledRejection,
        onUncaughtException, onRejectionHandled, ownCarrier);
  }

  /**
   * With this many spins before a turn hand-off parks.
   *
   * @param spins how many times to spin; not negative, 0 to park at once
   * @return a copy with that {@link #turnSpins}
   */
  public LoopOptions withTurnSpins(int spins) {
    return new LoopOptions(threadpoolSize, blockedThreshold, spins, onUnhandledRejection,
        onUncaughtException, onRejectionHandled, ownCarrier);
  }

  /**
   * With a handler for unhandled rejections (the loop goes on).
   *
   * @param handler called on the loop with each unhandled rejection's reason; null to end {@link
   *     EventLoop#run} instead
   * @return a copy with that {@link #onUnhandledRejection}
   */
  public LoopOptions withOnUnhandledRejection(Consumer<Throwable> handler) {
    return new LoopOptions(threadpoolSize, blockedThreshold, turnSpins, handler,
        onUncaughtException, onRejectionHandled, ownCarrier);
  }

  /**
   * With a handler for uncaught exceptions (the loop goes on).
   *
   * @param handler called on the loop with each failure a callback threw; null to end {@link
   *     EventLoop#run} instead
   * @return a copy with that {@link #onUncaughtException}
   */
  public LoopOptions withOnUncaughtException(Consumer<Throwable> handler) {
    return new LoopOptions(threadpoolSize, blockedThreshold, turnSpins, onUnhandledRejection,
        handler, onRejectionHandled, ownCarrier);
  }

  /**
   * With the model's tasks on a carrier of their own, or on the default scheduler.
   *
   * @param own true for a carrier of their own (the JVM must allow it), false for the default
   *     scheduler
   * @return a copy with that {@link #ownCarrier}
   */
  public LoopOptions withOwnCarrier(boolean own) {
    return new LoopOptions(threadpoolSize, blockedThreshold, turnSpins, onUnhandledRejection,
        onUncaughtException, onRejectionHandled, own);
  }

  /**
   * With a listener for late-handled rejections, Node's {@code 'rejectionHandled'}.
   *
   * @param listener called on the loop with each promise handled late; null for none
   * @return a copy with that {@link #onRejectionHandled}
   */
  public LoopOptions withOnRejectionHandled(Consumer<Promise<?>> listener) {
    return new LoopOptions(threadpoolSize, blockedThreshold, turnSpins, onUnhandledRejection,
        onUncaughtException, listener, ownCarrier);
  }
}
