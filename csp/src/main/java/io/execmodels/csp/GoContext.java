package io.execmodels.csp;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.ReceiveChannel;
import io.execmodels.core.Select;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Go's {@code context.Context}: a cancellation signal, a deadline and request-scoped values,
 * handed down a call tree. Named {@code GoContext} so as not to be confused with core's {@link
 * Ctx}, the handle every task body receives: a {@code Ctx} belongs to one task and is the runtime;
 * a {@code GoContext} is a plain value that many tasks share.
 *
 * <pre>{@code
 * // ctx, cancel := context.WithTimeout(context.Background(), time.Second); defer cancel()
 * try (var wc = GoContext.withTimeout(ctx, GoContext.background(), Duration.ofSeconds(1))) {
 *   GoContext gctx = wc.context();
 *   Select<String> select = ctx.<String>select().onReceive(results, v -> v); // case v := <-results
 *   return gctx.onDone(select, () -> "gave up: " + gctx.err()).run();      // case <-ctx.Done()
 * }
 * }</pre>
 *
 * <p><b>The tree.</b> Contexts form a tree rooted at {@link #background()}. Cancelling a context
 * (its cancel function, or its deadline passing) cancels every descendant at once, with the same
 * {@link #err()}; never its parent or siblings. A context derived from an already-cancelled one is
 * born cancelled. By the time a context's {@link #done()} is closed, every descendant is cancelled
 * too. Cancel functions are idempotent: only the first cancellation counts. A context's deadline
 * is the earlier of its own and its parent's.
 *
 * <p><b>Cancellation is cooperative</b>, as in Go: nothing is interrupted. Code observes it by
 * selecting on {@link #done()} or checking {@link #err()}. (Core's {@link Ctx#withTimeout} is the
 * other kind: it cancels the task itself at its next suspension point.)
 *
 * <p><b>Timers.</b> A context with a deadline runs one task of the run that made it (spawned with
 * {@link Ctx#spawn}), which sleeps until the deadline on the model's clock and then cancels the
 * context. Cancelling the context earlier (itself or an ancestor) cancels that task, so nothing is
 * left running; if nobody does, the run cancels it when it ends. A deadline no earlier than the
 * parent's needs no task (the parent's brings it down).
 *
 * <p><b>Threads.</b> Thread-safe and immutable apart from its cancellation. {@link #done()}, {@link
 * #err()}, {@link #deadline()}, {@link #value} and cancel functions never block and may be called
 * from any thread; the factories that take a {@link Ctx} are called from that task. None of the
 * methods is a suspension point; waiting on {@link #done()} is.
 *
 * <p><b>Differences from Go.</b>
 *
 * <ul>
 *   <li>{@link #background()}'s {@link #done()} is {@code null}, as Go's is {@code nil}: a select
 *       case on it is never ready, as in Go ({@link #onDone} is a shorthand for the case).
 *       {@code TODO()} is not provided: use
 *       {@code background()}.
 *   <li>{@link #err()} returns the values of {@link ContextError}, not exceptions; there is no
 *       {@code Cause}, {@code WithoutCancel} or {@code AfterFunc} yet.
 *   <li>Deadlines are nanoseconds on the model's clock ({@link Ctx#now()}), not wall-clock times,
 *       and {@link #deadline()} returns an {@link OptionalLong}.
 *   <li>{@code done()} channels belong to the model whose task made them: use a context within one
 *       model.
 *   <li>Cancel functions work from any thread, but a model that detects deadlocks ({@code csp})
 *       sees only its run's tasks: if they all wait on {@code done()} for a cancel that a thread
 *       outside the run would make later, the run is reported deadlocked. A pending deadline is a
 *       sleeping task, so it never counts as a deadlock.
 *   <li>Values are looked up with {@link Object#equals}, as Go compares keys with {@code ==} on
 *       comparable values; use a private key type to avoid collisions, as in Go.
 * </ul>
 */
public final class GoContext {
  private static final GoContext BACKGROUND =
      new GoContext(null, "context.Background", null, null, OptionalLong.empty(), null);

  private final GoContext parent;
  private final String name;
  private final Object key;
  private final Object value;
  private final OptionalLong deadline;
  /** Closed on cancellation; null for a context that shares its parent's cancellation. */
  private final Channel<Boolean> done;
  /** The context whose cancellation this one is: itself, an ancestor's, or null (never). */
  private final GoContext canceller;

  // Cancellation state, used only where done != null.
  private final Object lock = new Object();
  private volatile ContextError err;
  /** Live cancellable children; null once cancelled. */
  private Set<GoContext> children;
  private Task<?> timer;

  private GoContext(GoContext parent, String name, Object key, Object value,
      OptionalLong deadline, Channel<Boolean> done) {
    this.parent = parent;
    this.name = name;
    this.key = key;
    this.value = value;
    this.deadline = deadline;
    this.done = done;
    this.canceller = done != null ? this : parent == null ? null : parent.canceller;
    this.children = done != null ? new HashSet<>() : null;
  }

  /**
   * A context plus the function that cancels it: what Go's {@code WithCancel}, {@code WithTimeout}
   * and {@code WithDeadline} return as two values. {@link #close()} cancels, so that
   * try-with-resources is Go's {@code defer cancel()}.
   *
   * @param context the new context
   * @param cancel cancels it and its descendants with {@link ContextError#CANCELED}; idempotent,
   *     never blocks, any thread
   */
  public record Cancelable(GoContext context, Runnable cancel) implements AutoCloseable {
    /** Runs {@link #cancel}. */
    @Override
    public void close() {
      cancel.run();
    }
  }

  /**
   * The root context: never cancelled, no deadline, no values ({@code context.Background()}).
   *
   * @return the root context, the same one on every call
   */
  public static GoContext background() {
    return BACKGROUND;
  }

  /**
   * A child of {@code parent} that is cancelled when its cancel function is called or when {@code
   * parent} is, whichever happens first ({@code context.WithCancel}). Not a suspension point.
   *
   * @param ctx the calling task's context (it makes the {@link #done()} channel)
   * @param parent the context it is a child of; its cancellation cancels the child
   * @return the child and its cancel function, to call (or close the pair) once the child is no
   *     longer needed, as Go's {@code defer cancel()}
   */
  public static Cancelable withCancel(Ctx ctx, GoContext parent) {
    GoContext child = attach(ctx, parent, "WithCancel", parent.deadline);
    return new Cancelable(child, child::cancel);
  }

  /**
   * A child of {@code parent} that is also cancelled, with {@link ContextError#DEADLINE_EXCEEDED},
   * once {@code timeout} has passed on the model's clock ({@code context.WithTimeout}). A zero or
   * negative timeout gives a context born expired. Not a suspension point.
   *
   * @param ctx the calling task's context (it makes the {@link #done()} channel and spawns the
   *     timer task)
   * @param parent the context it is a child of; its cancellation cancels the child
   * @param timeout how long from now, on the model's clock, until it expires; zero or negative for
   *     a context born expired
   * @return the child and its cancel function, to call (or close the pair) once the child is no
   *     longer needed, as Go's {@code defer cancel()}
   */
  public static Cancelable withTimeout(Ctx ctx, GoContext parent, Duration timeout) {
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long now = ctx.now();
    long deadline = nanos > 0 && now > Long.MAX_VALUE - nanos ? Long.MAX_VALUE
        : nanos < 0 && now < Long.MIN_VALUE - nanos ? Long.MIN_VALUE : now + nanos;
    return withDeadline(ctx, parent, deadline);
  }

  /**
   * A child of {@code parent} that is also cancelled, with {@link ContextError#DEADLINE_EXCEEDED},
   * at {@code deadlineNanos} on the model's clock ({@link Ctx#now()}) ({@code
   * context.WithDeadline}). Its deadline is the earlier of {@code deadlineNanos} and the parent's;
   * if the parent's is no later, this is {@link #withCancel}, as in Go. A deadline already past
   * gives a context born expired. Not a suspension point.
   *
   * @param ctx the calling task's context (it makes the {@link #done()} channel and spawns the
   *     timer task)
   * @param parent the context it is a child of; its cancellation cancels the child
   * @param deadlineNanos when it expires, in nanoseconds on the model's clock
   * @return the child and its cancel function, to call (or close the pair) once the child is no
   *     longer needed, as Go's {@code defer cancel()}
   */
  public static Cancelable withDeadline(Ctx ctx, GoContext parent, long deadlineNanos) {
    if (parent.deadline.isPresent() && parent.deadline.getAsLong() <= deadlineNanos) {
      return withCancel(ctx, parent);
    }
    GoContext child = attach(ctx, parent, "WithDeadline", OptionalLong.of(deadlineNanos));
    Cancelable cancelable = new Cancelable(child, child::cancel);
    if (child.err != null) {
      return cancelable;
    }
    if (deadlineNanos - ctx.now() <= 0) {
      child.cancel(ContextError.DEADLINE_EXCEEDED, false);
      return cancelable;
    }
    Task<Void> timer = ctx.spawn("context-deadline", c -> {
      long left = deadlineNanos - c.now();
      if (left > 0) {
        c.sleep(Duration.ofNanos(left));
      }
      child.cancel(ContextError.DEADLINE_EXCEEDED, true);
      return null;
    });
    synchronized (child.lock) {
      if (child.err == null) {
        child.timer = timer;
        return cancelable;
      }
    }
    timer.cancel(); // cancelled while the timer was being started
    return cancelable;
  }

  /**
   * A child of {@code parent} that carries {@code value} under {@code key} and shares the parent's
   * cancellation and deadline ({@code context.WithValue}). Needs no {@link Ctx}.
   *
   * @param parent the context whose values, cancellation and deadline it shares
   * @param key the key; not null (Go panics on a nil key)
   * @param value the value; may be null
   * @return the child context
   */
  public static GoContext withValue(GoContext parent, Object key, Object value) {
    Objects.requireNonNull(key, "nil key");
    return new GoContext(parent, parent.name + ".WithValue(" + key + ")", key, value,
        parent.deadline, null);
  }

  /**
   * A channel closed when this context is cancelled ({@code ctx.Done()}), or {@code null} if it can
   * never be ({@link #background()} and values over it), as Go's is {@code nil}. Nothing is ever
   * sent on it: a receive waits until it is closed, then fails as on any closed channel; a select
   * receive case on it fires with {@code null}. Never blocks.
   *
   * @return the channel closed on cancellation, or {@code null} if this context can never be
   *     cancelled
   */
  public ReceiveChannel<Boolean> done() {
    return canceller == null ? null : canceller.done;
  }

  /**
   * Adds a case to {@code select} that fires when this context is cancelled and returns what
   * {@code handler} gives: {@code case <-ctx.Done():}. For a context that can never be cancelled it
   * adds a nil case, which is never ready, as in Go.
   *
   * @param <R> the type of the select's result
   * @param select the select being built
   * @param handler gives the select's result when this case fires
   * @return {@code select}, to go on building it
   */
  public <R> Select<R> onDone(Select<R> select, Supplier<? extends R> handler) {
    return select.onReceive(done(), closed -> handler.get());
  }

  /**
   * {@code null} while this context is not cancelled; then why it was: {@link
   * ContextError#CANCELED} or {@link ContextError#DEADLINE_EXCEEDED} ({@code ctx.Err()}). Once
   * non-null it never changes. Never blocks.
   *
   * @return {@code null} while not cancelled, else why it was
   */
  public ContextError err() {
    return canceller == null ? null : canceller.err;
  }

  /**
   * The deadline, in nanoseconds on the model's clock ({@link Ctx#now()}), if it has one ({@code
   * ctx.Deadline()}).
   *
   * @return the deadline in nanoseconds on the model's clock, or empty if it has none
   */
  public OptionalLong deadline() {
    return deadline;
  }

  /**
   * The value of the nearest context on the path to the root that carries {@code key} (compared
   * with {@code equals}), or {@code null} if none does ({@code ctx.Value(key)}).
   *
   * @param key the key to look up; {@code null} finds nothing
   * @return the value under {@code key} of the nearest context that carries it, or {@code null} if
   *     none does
   */
  public Object value(Object key) {
    for (GoContext c = this; c != null; c = c.parent) {
      if (c.key != null && c.key.equals(key)) {
        return c.value;
      }
    }
    return null;
  }

  /**
   * Go's form, {@code context.Background.WithCancel.WithValue(k)}; values are left out, so that
   * logging a context never logs what it carries.
   */
  @Override
  public String toString() {
    return name;
  }

  /** A new cancellable child, registered with its parent's canceller or born cancelled. */
  private static GoContext attach(Ctx ctx, GoContext parent, String kind, OptionalLong deadline) {
    GoContext child =
        new GoContext(parent, parent.name + "." + kind, null, null, deadline, ctx.channel(0));
    GoContext owner = parent.canceller;
    if (owner == null) {
      return child;
    }
    ContextError inherited;
    synchronized (owner.lock) {
      inherited = owner.err;
      if (inherited == null) {
        owner.children.add(child);
      }
    }
    if (inherited != null) {
      child.cancel(inherited, false);
    }
    return child;
  }

  private void cancel() {
    cancel(ContextError.CANCELED, false);
  }

  private void cancel(ContextError why, boolean fromTimer) {
    Set<GoContext> descendants;
    Task<?> t;
    synchronized (lock) {
      if (err != null) {
        return;
      }
      err = why;
      descendants = children;
      children = null;
      t = timer;
      timer = null;
    }
    for (GoContext child : descendants) {
      child.cancel(why, false); // first, so that whoever sees done closed sees them cancelled
    }
    done.close();
    if (t != null && !fromTimer) {
      t.cancel();
    }
    GoContext owner = parent == null ? null : parent.canceller;
    if (owner != null) {
      synchronized (owner.lock) {
        if (owner.children != null) {
          owner.children.remove(this);
        }
      }
    }
  }
}
