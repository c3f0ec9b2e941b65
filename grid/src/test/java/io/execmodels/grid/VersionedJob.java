package io.execmodels.grid;

import io.execmodels.core.Job;

/**
 * A job of version 1, on every member's class path; a test compiles version 2 of it for itself
 * alone ({@link CompiledElsewhere}).
 */
public final class VersionedJob implements Job<Integer> {
  private static final long serialVersionUID = 1L;

  /** A job of version 1. */
  public VersionedJob() {}

  @Override
  public Integer compute() {
    return 1;
  }
}
