package io.execmodels.core;

import java.util.Map;

/**
 * A snapshot of a model's counters, taken at any time without stopping it. Counts are since the
 * model was opened; {@code running} and {@code parked} are gauges. Under concurrent activity the
 * fields are each exact but not taken at one instant.
 *
 * @param spawned tasks started
 * @param running tasks whose body has started or is about to and has not yet returned (a
 *     cancelled task counts until its body has actually returned)
 * @param parked tasks suspended at a suspension point right now
 * @param succeeded tasks completed with a result
 * @param failed tasks completed with a failure
 * @param cancelled tasks cancelled
 * @param model the model's own figures (loop lag, GIL wait, queue depths...), by name
 */
public record Stats(
    long spawned,
    long running,
    long parked,
    long succeeded,
    long failed,
    long cancelled,
    Map<String, Long> model) {

  /** Copies {@code model}. */
  public Stats {
    model = Map.copyOf(model);
  }
}
