package io.execmodels.examples;

import io.execmodels.core.ExecutionModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One concurrency level of one request workload on one model: the requests offered at {@code
 * rate} per second for a window, served open loop ({@link OpenLoop}), and what came of them.
 * Immutable.
 *
 * @param model the model's name
 * @param workload the workload's name
 * @param rate the offered arrival rate, requests per second
 * @param requests how many requests were offered
 * @param span from the first arrival to the last request's end, on the model's clock; zero if
 *     the level failed
 * @param latencies every request's latency, sorted; empty if the level failed
 * @param problem what went wrong (a wrong sum, a failure), or null
 */
record LevelResult(String model, String workload, int rate, int requests, Duration span,
    List<Duration> latencies, String problem) {

  LevelResult {
    latencies = latencies.stream().sorted().toList();
  }

  boolean ok() {
    return problem == null;
  }

  /**
   * Requests completed per second: all of them over the span. Below the offered {@link #rate()}
   * when the model could not keep up (the backlog drains after the last arrival) or when the
   * window is short against a request's own latency.
   */
  double throughput() {
    return span.isZero() ? 0 : requests / (span.toNanos() / 1e9);
  }

  /**
   * How many requests a level offers: the window's worth at {@code rate}, rounded half up, at
   * least one. The originals' programs compute the same ({@link Reference#levels} checks it).
   *
   * @throws IllegalArgumentException if {@code rate} is below 1
   */
  static int requests(int rate, Duration window) {
    if (rate < 1) {
      throw new IllegalArgumentException("rate must be at least 1 request/s, was " + rate);
    }
    return (int) Math.max(1, Math.round(rate * (window.toNanos() / 1e9)));
  }

  /**
   * Offers {@code rate} requests per second of {@code workload} for {@code window} (at least one
   * request) to {@code model}, in one run, and checks the replies' sum. Blocks until the run ends;
   * a failure or a wrong sum becomes the result's problem, not an exception.
   */
  static LevelResult measure(String name, ExecutionModel model, RequestWorkload workload,
      int rate, Duration window) {
    int requests = requests(rate, window);
    Duration interval = Duration.ofNanos(1_000_000_000L / rate);
    ConcurrentLinkedQueue<Duration> latencies = new ConcurrentLinkedQueue<>();
    try {
      OpenLoop.Served served = model.run(
          ctx -> OpenLoop.drive(ctx, requests, interval, workload.handler(), latencies));
      long expected = workload.expected().applyAsLong(requests);
      String problem = served.sum() == expected ? null
          : "WRONG: " + served.sum() + ", expected " + expected;
      return new LevelResult(name, workload.name(), rate, requests, served.span(),
          List.copyOf(latencies), problem);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // the caller decides whether to go on
      }
      return new LevelResult(name, workload.name(), rate, requests, Duration.ZERO, List.of(),
          "FAILED: " + e);
    }
  }
}
