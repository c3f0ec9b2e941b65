package io.execmodels.gilsim.futures;

/**
 * The states of a {@link Future}, CPython's: {@code PENDING → RUNNING → FINISHED}, or {@code
 * PENDING → CANCELLED}. A future leaves {@code PENDING} once, and {@code FINISHED} and {@code
 * CANCELLED} are final.
 */
public enum FutureState {
  /** Submitted, not yet taken by a worker: the only state in which {@link Future#cancel} works. */
  PENDING,
  /** Taken by a worker (for a process pool: handed to a child). */
  RUNNING,
  /** Cancelled while pending; its result throws {@link CancelledError}. */
  CANCELLED,
  /** Completed with a result or an exception. */
  FINISHED;

  /** The name CPython's {@code repr} shows: lower case. */
  String pythonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
