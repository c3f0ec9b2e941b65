package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;

/**
 * Go's {@code sync.Once}: runs a piece of work exactly once, however many tasks ask for it.
 *
 * <pre>{@code
 * Once once = new Once();          // var once sync.Once
 * once.run(ctx, c -> init(c));     // once.Do(init)
 * }</pre>
 *
 * <p>The first call of {@link #run} runs its body, in the calling task. Calls made while it runs
 * wait until it has finished; calls made afterwards return at once. When any call returns
 * normally, the body has finished and what it did is visible to the caller.
 *
 * <p><b>A failing body counts as done</b>, as a panicking {@code f} does in Go: its exception is
 * thrown to the caller that ran it, the callers waiting for it return normally, and no later call
 * runs a body again. The same holds when the running caller is cancelled inside the body.
 *
 * <p><b>Threads.</b> Thread-safe; {@link #run} is called from tasks, and every task calling one
 * {@code Once} at the same time must belong to one model. Waiting is a suspension point.
 *
 * <p><b>Differences from Go.</b> A waiting caller observes cancellation (Go's {@code Do} cannot be
 * interrupted): it stops waiting with a {@link java.util.concurrent.CancellationException} while
 * the body goes on in the first caller. As in Go, calling {@code run} on the same {@code Once}
 * from inside its own body never returns (Go deadlocks there too); a model that detects deadlocks
 * ({@code csp}) reports it, as a receive on a channel, once no other task of the run can proceed.
 */
public final class Once {
  private final Object lock = new Object();
  private volatile boolean done;
  /** Closed when the body has finished; non-null only while it runs. */
  private Channel<Boolean> running;

  /** A {@code Once} that has not run yet, like Go's zero value. */
  public Once() {}

  /**
   * Runs {@code body} if no call has run one yet, else waits for it to finish or returns at once
   * (see the class comment). A suspension point for a caller that has to wait; for the caller
   * that runs the body, whatever the body does.
   *
   * @param ctx the calling task's context
   * @param body the work, run at most once
   * @throws Exception what the body threw, to the caller that ran it only
   * @throws java.util.concurrent.CancellationException if a waiting caller is cancelled
   */
  public void run(Ctx ctx, GoFunc body) throws Exception {
    if (done) {
      return;
    }
    Channel<Boolean> wait;
    boolean first;
    synchronized (lock) {
      if (done) {
        return;
      }
      first = running == null;
      if (first) {
        running = ctx.channel(0);
      }
      wait = running;
    }
    if (!first) {
      Signals.awaitClosed(wait);
      return;
    }
    try {
      body.run(ctx);
    } finally {
      synchronized (lock) {
        done = true;
        running = null;
      }
      wait.close();
    }
  }

  @Override
  public String toString() {
    return done ? "Once[done]" : "Once[not done]";
  }
}
