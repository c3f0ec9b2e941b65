package io.execmodels.examples;

import java.time.Duration;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A request workload the shootout drives at several arrival rates ({@link LevelResult}): what one
 * request does, and the sum of the replies a run of {@code count} requests must give. Immutable;
 * its handler is safe to run from any number of tasks at once.
 *
 * @param name a short name for tables ({@code fan-out})
 * @param workload one line on what a request does
 * @param handler one request's work
 * @param expected the sum of the replies of requests {@code 0} to {@code count - 1}, from {@code
 *     count}
 */
record RequestWorkload(String name, String workload, OpenLoop.Handler handler,
    LongUnaryOperator expected) {

  /**
   * The I/O fan-out as a stream of requests: each calls 3 upstreams of 10 ms at once ({@link
   * FanOutAggregator}) and replies with the sum of their replies, 6.
   */
  static RequestWorkload fanOut() {
    FanOutAggregator aggregator = new FanOutAggregator(3, Duration.ofMillis(10));
    return new RequestWorkload("fan-out", "3 upstream calls x 10 ms each",
        (ctx, n) -> aggregator.call(ctx), count -> count * aggregator.expected());
  }

  /**
   * The mixed handler's requests ({@link MixedHandler} at its default sizes): 10 ms of I/O, and
   * every 20th then a CPU spike; request {@code n} replies {@code n}.
   */
  static RequestWorkload mixed() {
    MixedHandler handler = new MixedHandler();
    return new RequestWorkload("mixed", handler.io().toMillis() + " ms I/O, 1/"
        + handler.spikeEvery() + " a CPU spike", handler::handle, count -> count * (count - 1) / 2);
  }

  /** The request workloads, in the order the shootout runs them. */
  static List<RequestWorkload> all() {
    return List.of(fanOut(), mixed());
  }
}
