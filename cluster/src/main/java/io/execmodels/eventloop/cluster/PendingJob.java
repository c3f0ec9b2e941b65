package io.execmodels.eventloop.cluster;

import io.execmodels.core.Job;

/**
 * One {@code compute} of the cluster model, from its submission to its outcome. Its fields are
 * written on the primary's loop; the task that waits for it reads {@link #isDone()} from any
 * thread, and the outcome once it is done.
 */
final class PendingJob {
  final long id;
  final Job<?> job;
  private final Runnable onDone;
  private Object value;
  private Throwable failure;
  /** Written last, so a reader that sees it set sees the outcome. */
  private volatile boolean done;

  PendingJob(long id, Job<?> job, Runnable onDone) {
    this.id = id;
    this.job = job;
    this.onDone = onDone;
  }

  boolean isDone() {
    return done;
  }

  void succeed(Object v) {
    assert !done : "job " + id + " completed twice";
    value = v;
    done = true;
    onDone.run();
  }

  void fail(Throwable t) {
    assert !done : "job " + id + " completed twice";
    failure = t;
    done = true;
    onDone.run();
  }

  /** The job's value, or its failure thrown as {@code compute} throws it. Once done. */
  Object outcome() throws Exception {
    assert done;
    if (failure == null) {
      return value;
    }
    if (failure instanceof Exception e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("job " + id + " failed", failure);
  }
}
