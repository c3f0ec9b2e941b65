package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;

/**
 * Go's {@code golang.org/x/sync/errgroup.Group}: tasks working on parts of one job, waited for
 * together, the first failure reported and, with a context, telling the others to stop.
 *
 * <pre>{@code
 * ErrGroup g = ErrGroup.withContext(ctx, parent);   // g, gctx := errgroup.WithContext(parent)
 * g.setLimit(4);                                    // g.SetLimit(4)
 * for (String url : urls) {
 *   g.go(ctx, c -> fetch(c, g.context(), url));     // g.Go(func() error { return fetch(gctx, url) })
 * }
 * Throwable err = g.await(ctx);                     // err := g.Wait()
 * }</pre>
 *
 * <p><b>Errors.</b> A body that throws an {@link Exception} returns that error. {@link #await}
 * returns the first error (in the order the bodies failed), and does not throw it; the later ones
 * are added to it as {@linkplain Throwable#addSuppressed suppressed} exceptions, so none is lost
 * (Go drops them). An {@link Error} escaping a body is a panic, not a returned error: the task
 * fails and, as nobody awaits it, ends the run under the model's default unhandled-failure policy,
 * as a panic in a Go errgroup goroutine ends the program.
 *
 * <p><b>The group's context</b> ({@link #context()}), for a group made by {@link #withContext}, is
 * cancelled ({@link ContextError#CANCELED}) by the first error, or when {@link #await} returns,
 * whichever comes first. Cancellation is cooperative: the other bodies go on until they look at it.
 *
 * <p><b>Limit.</b> {@link #setLimit} bounds how many bodies run at once; {@link #go} then waits
 * while the limit is reached (a suspension point), as Go's {@code Go} blocks, and {@link #tryGo}
 * starts nothing and returns {@code false}, as Go's {@code TryGo}.
 *
 * <p><b>Threads.</b> Thread-safe; {@link #go} and {@link #await} are called from tasks, all of one
 * model. Each body runs in its own task, detached ({@link Ctx#go}): if the run ends before {@link
 * #await}, they are cancelled with it.
 *
 * <p><b>Differences from Go.</b> Later errors are suppressed into the first instead of dropped;
 * {@code await} returns a {@link Throwable} ({@code null} for none) rather than an {@code error};
 * a waiting {@code go} or {@code await} observes its task's cancellation.
 */
public final class ErrGroup {
  private final GoContext context;
  private final Runnable cancel;
  private final WaitGroup running = new WaitGroup();
  private final Object lock = new Object();
  private Throwable first;
  private int active;
  /** Negative: no limit. */
  private int limit = -1;
  /** Holds a token per running body while limited; made by the first go after setLimit. */
  private Channel<Boolean> slots;

  /**
   * A group with no context of its own (Go's zero {@code errgroup.Group}): {@link #context()} is
   * {@link GoContext#background()}, and errors cancel nothing.
   */
  public ErrGroup() {
    this(GoContext.background(), null);
  }

  private ErrGroup(GoContext context, Runnable cancel) {
    this.context = context;
    this.cancel = cancel;
  }

  /**
   * A group whose {@link #context()} is a child of {@code parent}, cancelled by the group's first
   * error or when {@link #await} returns ({@code errgroup.WithContext}). Not a suspension point.
   *
   * @param ctx the calling task's context
   * @param parent the context the group's context is a child of; cancelling it cancels the group's
   * @return a new group with no bodies yet
   */
  public static ErrGroup withContext(Ctx ctx, GoContext parent) {
    GoContext.Cancelable c = GoContext.withCancel(ctx, parent);
    return new ErrGroup(c.context(), c.cancel());
  }

  /**
   * The group's context (see the class comment).
   *
   * @return the group's context, cancelled by its first error or when {@link #await} returns
   */
  public GoContext context() {
    return context;
  }

  /**
   * Bounds the number of bodies running at once to {@code n}; a negative {@code n} removes the
   * bound, and 0 lets no body start (a later {@link #go} waits until cancelled), as in Go.
   *
   * @param n the most bodies that may run at once; negative for no bound, 0 to let none start
   * @throws IllegalStateException if bodies of the group are running (Go panics there too)
   */
  public void setLimit(int n) {
    synchronized (lock) {
      if (active != 0) {
        throw new IllegalStateException(
            "errgroup: modify limit while " + active + " goroutines in the group are still active");
      }
      limit = n;
      slots = null;
    }
  }

  /**
   * Runs {@code body} in a new task ({@code g.Go(f)}). While the group's limit is reached, waits
   * for a running body to end first: then, and only then, a suspension point.
   *
   * @param ctx the calling task's context
   * @param body the work; throwing an {@link Exception} is returning an error
   * @throws java.util.concurrent.CancellationException if the calling task is cancelled while
   *     waiting for the limit (the body is then not started)
   */
  public void go(Ctx ctx, GoFunc body) {
    Channel<Boolean> limiter = limiter(ctx);
    if (limiter != null) {
      limiter.send(Boolean.TRUE);
    }
    start(ctx, body, limiter);
  }

  /**
   * Runs {@code body} in a new task only if the group's limit lets it start now, and says whether
   * it did ({@code g.TryGo(f)}). Never waits: not a suspension point.
   *
   * @param ctx the calling task's context
   * @param body the work; throwing an {@link Exception} is returning an error
   * @return {@code true} if the body was started, {@code false} if the limit was reached
   */
  public boolean tryGo(Ctx ctx, GoFunc body) {
    Channel<Boolean> limiter = limiter(ctx);
    if (limiter != null && !limiter.trySend(Boolean.TRUE)) {
      return false;
    }
    start(ctx, body, limiter);
    return true;
  }

  /** The channel holding a token per running body, or {@code null} when there is no limit. */
  private Channel<Boolean> limiter(Ctx ctx) {
    synchronized (lock) {
      if (limit >= 0 && slots == null) {
        slots = ctx.channel(limit);
      }
      return slots;
    }
  }

  /** Starts {@code body}, whose token (if limited) is already in {@code limiter}. */
  private void start(Ctx ctx, GoFunc body, Channel<Boolean> limiter) {
    synchronized (lock) {
      active++;
    }
    running.add(1);
    try {
      ctx.go(c -> {
        try {
          body.run(c);
        } catch (Exception e) {
          failed(e);
        } finally {
          finished(limiter);
        }
        return null;
      });
    } catch (RuntimeException | Error e) {
      finished(limiter);
      throw e;
    }
  }

  /**
   * Waits for every body started so far, cancels the group's context, and returns the first error,
   * or {@code null} if none failed ({@code g.Wait()}). Does not throw the error. A suspension point.
   *
   * @param ctx the calling task's context
   * @return the first error, with the later ones suppressed in it, or {@code null}
   * @throws java.util.concurrent.CancellationException if the calling task is cancelled while
   *     waiting (the context is then not cancelled by this call)
   */
  public Throwable await(Ctx ctx) {
    running.await(ctx);
    if (cancel != null) {
      cancel.run();
    }
    synchronized (lock) {
      return first;
    }
  }

  private void failed(Exception e) {
    synchronized (lock) {
      if (first != null) {
        if (first != e) {
          first.addSuppressed(e);
        }
        return;
      }
      first = e;
    }
    if (cancel != null) {
      cancel.run();
    }
  }

  private void finished(Channel<Boolean> limiter) {
    synchronized (lock) {
      active--;
    }
    if (limiter != null) {
      limiter.tryReceive();
    }
    running.done();
  }
}
