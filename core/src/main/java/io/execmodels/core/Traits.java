package io.execmodels.core;

import java.util.Objects;

/**
 * What a model promises about how tasks run: the facts the trade-offs follow from. Tests and the
 * shootout read them to know what to expect of a model.
 *
 * @param parallelism how many CPU-bound tasks can make progress at the same time (1 for an event
 *     loop or a GIL, the carrier count for goroutines, the worker count for a process pool)
 * @param preemption where a running task can be switched away from
 * @param memory whether tasks share the heap of the code that spawned them
 * @param ioConcurrency how many {@link Ctx#blocking blocking} calls can be in progress at once
 *     ({@link Integer#MAX_VALUE} when unbounded)
 */
public record Traits(int parallelism, Preemption preemption, Memory memory, int ioConcurrency) {

  /** Where a model may switch from one task to another. */
  public enum Preemption {
    /** Only at suspension points: code between two awaits runs alone (event loops, asyncio). */
    NONE,
    /** At suspension points and at {@link Ctx#checkpoint()} (the GIL's eval breaker). */
    CHECKPOINTS,
    /** Anywhere: tasks run in parallel or are time-sliced (goroutines, processes). */
    FULL
  }

  /** Whether tasks see each other's writes. */
  public enum Memory {
    /** One heap: tasks share objects. */
    SHARED,
    /** Separate processes: what crosses is copied (serialized). */
    ISOLATED
  }

  /** Checks the values. */
  public Traits {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    if (ioConcurrency < 1) {
      throw new IllegalArgumentException("ioConcurrency must be at least 1, was " + ioConcurrency);
    }
    Objects.requireNonNull(preemption, "preemption");
    Objects.requireNonNull(memory, "memory");
  }
}
