package io.execmodels.eventloop;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A JavaScript promise on an {@link EventLoop}: pending, then fulfilled with a value or rejected
 * with a {@link Throwable}, once. Reactions registered with {@link #then} and friends run as
 * microtasks on its loop, in registration order, after the {@code nextTick} queue — exactly where
 * Node runs them.
 *
 * <p><b>Threads.</b> Everything is done on the loop; methods called elsewhere throw {@link
 * IllegalStateException}, except the resolving functions handed to a {@link Body} and {@link
 * #toCompletableFuture}, which may be called from any thread and then take effect on the loop
 * (call {@link EventLoop#keepAlive} meanwhile if nothing else keeps the loop alive).
 *
 * <p><b>Unhandled rejections.</b> A promise rejected with no reaction registered by the end of
 * the microtask drain is reported to {@link LoopOptions#onUnhandledRejection}, or, without one,
 * ends {@link EventLoop#run} (Node ≥ 15).
 *
 * <p><b>Adoption.</b> Resolving with a promise ({@link #thenCompose}) adopts its outcome two
 * microtasks later, as V8 does for a thenable.
 *
 * @param <T> the type of the value it is fulfilled with
 */
public final class Promise<T> {

  /**
   * What {@link #create} runs at once with the promise's resolving functions.
   *
   * @param <T> the type of the value the promise is fulfilled with
   */
  @FunctionalInterface
  public interface Body<T> {
    /**
     * Starts the work; calls {@code resolve} or {@code reject} now or later, from any thread. Only
     * the first call counts. A throw rejects the promise, unless it was already resolved.
     *
     * @param resolve fulfils the promise with its argument; any thread
     * @param reject rejects the promise with its argument; any thread
     * @throws Exception whatever the work threw, which rejects the promise unless it was already
     *     resolved
     */
    void start(Consumer<T> resolve, Consumer<Throwable> reject) throws Exception;
  }

  private static final int PENDING = 0;
  private static final int FULFILLED = 1;
  private static final int REJECTED = 2;

  final EventLoop loop;
  private int state = PENDING;
  private Object result;
  /** Resolved (with a value, a failure, or a promise it adopts): later resolutions are ignored. */
  private boolean resolved;
  private boolean handled;
  /** Reported to the unhandled-rejection listener: a handler added later is reported too. */
  private boolean reportedUnhandled;
  private Reaction<?> first;
  private List<Reaction<?>> more;

  Promise(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Node's {@code new Promise((resolve, reject) => ...)}: runs {@code body} now, with functions
   * that settle the promise. Loop only.
   *
   * @param <T> the type of the value
   * @param loop the loop the promise and its reactions belong to
   * @param body the work, run now; not null
   * @return the promise, settled by the first call of {@code body}'s resolving functions
   */
  public static <T> Promise<T> create(EventLoop loop, Body<T> body) {
    Objects.requireNonNull(body, "body");
    loop.hooks().checkInLoop();
    Promise<T> p = new Promise<>(loop);
    try {
      body.start(p::resolveFromAnywhere, p::rejectFromAnywhere);
    } catch (Throwable e) {
      p.rejectWith(e);
    }
    return p;
  }

  /**
   * Node's {@code Promise.resolve(value)} for a plain value. Loop only.
   *
   * @param <T> the type of the value
   * @param loop the loop the promise belongs to
   * @param value the value; may be null
   * @return a promise already fulfilled with {@code value}
   */
  public static <T> Promise<T> resolve(EventLoop loop, T value) {
    loop.hooks().checkInLoop();
    Promise<T> p = new Promise<>(loop);
    p.fulfil(value);
    return p;
  }

  /**
   * Node's {@code Promise.reject(reason)}. Loop only.
   *
   * @param <T> the type of the value it would have had
   * @param loop the loop the promise belongs to
   * @param reason the failure; not null
   * @return a promise already rejected with {@code reason}
   */
  public static <T> Promise<T> reject(EventLoop loop, Throwable reason) {
    Objects.requireNonNull(reason, "reason");
    loop.hooks().checkInLoop();
    Promise<T> p = new Promise<>(loop);
    p.rejectWith(reason);
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Reactions

  /**
   * {@code then(onFulfilled)}: a rejection passes through to the returned promise.
   *
   * @param <R> the type of the returned promise's value
   * @param onFulfilled maps this promise's value, as a microtask; a throw rejects the returned
   *     promise; not null
   * @return a promise of {@code onFulfilled}'s result, or of this one's rejection
   */
  public <R> Promise<R> then(Function<? super T, ? extends R> onFulfilled) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    return react(Reaction.THEN, onFulfilled, null);
  }

  /**
   * {@code then(onFulfilled, onRejected)}.
   *
   * @param <R> the type of the returned promise's value
   * @param onFulfilled maps this promise's value, as a microtask; a throw rejects the returned
   *     promise; not null
   * @param onRejected maps this promise's failure to a value, as a microtask; a throw rejects the
   *     returned promise; not null
   * @return a promise of whichever function ran's result
   */
  public <R> Promise<R> then(Function<? super T, ? extends R> onFulfilled,
      Function<? super Throwable, ? extends R> onRejected) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    Objects.requireNonNull(onRejected, "onRejected");
    return react(Reaction.THEN, onFulfilled, onRejected);
  }

  /**
   * {@code then(v => promise)}: the returned promise adopts the outcome of {@code next}'s.
   *
   * @param <R> the type of the returned promise's value
   * @param next maps this promise's value to the promise to adopt; a throw rejects the returned
   *     promise; not null
   * @return a promise that settles as {@code next}'s does, or with this one's rejection
   */
  public <R> Promise<R> thenCompose(Function<? super T, ? extends Promise<? extends R>> next) {
    Objects.requireNonNull(next, "next");
    return react(Reaction.COMPOSE, next, null);
  }

  /**
   * {@code catch(onRejected)}: a value passes through.
   *
   * @param onRejected maps this promise's failure to a value, as a microtask; a throw rejects the
   *     returned promise; not null
   * @return a promise of this one's value, or of {@code onRejected}'s result
   */
  public Promise<T> catchError(Function<? super Throwable, ? extends T> onRejected) {
    Objects.requireNonNull(onRejected, "onRejected");
    return react(Reaction.THEN, null, onRejected);
  }

  /**
   * {@code finally(onFinally)}: runs {@code onFinally} either way; the returned promise settles
   * as this one did, unless {@code onFinally} throws, which rejects it with that.
   *
   * @param onFinally run once this promise settles, as a microtask; not null
   * @return a promise settled as this one, or rejected with what {@code onFinally} threw
   */
  public Promise<T> andFinally(Runnable onFinally) {
    Objects.requireNonNull(onFinally, "onFinally");
    return react(Reaction.FINALLY, onFinally, null);
  }

  private <R> Promise<R> react(int kind, Object onFulfilled, Object onRejected) {
    loop.hooks().checkInLoop();
    Promise<R> derived = new Promise<>(loop);
    addReaction(new Reaction<>(this, derived, kind, onFulfilled, onRejected));
    return derived;
  }

  /** Marks it reported to the unhandled-rejection listener. Loop only. */
  void reportedUnhandled() {
    reportedUnhandled = true;
  }

  /** Registers callbacks with no derived promise: for the combinators and adapters. */
  void subscribe(Consumer<? super T> onFulfilled, Consumer<? super Throwable> onRejected) {
    addReaction(new Reaction<>(this, null, Reaction.SUBSCRIBE, onFulfilled, onRejected));
  }

  private void addReaction(Reaction<?> r) {
    if (reportedUnhandled && !handled) {
      loop.hooks().handledLate(this);
    }
    handled = true;
    if (state != PENDING) {
      loop.hooks().enqueueReaction(r);
    } else if (first == null) {
      first = r;
    } else {
      if (more == null) {
        more = new ArrayList<>(2);
      }
      more.add(r);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Settling

  private void resolveFromAnywhere(T value) {
    if (loop.inLoop()) {
      fulfil(value);
    } else {
      loop.execute(() -> fulfil(value));
    }
  }

  private void rejectFromAnywhere(Throwable reason) {
    Throwable r = reason != null ? reason
        : new NullPointerException("a promise was rejected with null");
    if (loop.inLoop()) {
      rejectWith(r);
    } else {
      loop.execute(() -> rejectWith(r));
    }
  }

  void fulfil(T value) {
    if (resolved) {
      return;
    }
    resolved = true;
    settle(FULFILLED, value);
  }

  void rejectWith(Throwable reason) {
    if (resolved) {
      return;
    }
    resolved = true;
    settle(REJECTED, reason);
    if (!handled) {
      loop.hooks().trackRejection(this);
    }
  }

  /** Resolves with {@code other}'s outcome, two microtasks after it settles (V8's thenable job). */
  void adopt(Promise<? extends T> other) {
    if (resolved) {
      return;
    }
    if (other == this) {
      resolved = true;
      settle(REJECTED, new IllegalStateException("a promise cannot be resolved with itself"));
      loop.hooks().trackRejection(this);
      return;
    }
    resolved = true;
    loop.hooks().enqueueReaction(() -> other.subscribe(v -> settle(FULFILLED, v), e -> {
      settle(REJECTED, e);
      if (!handled) {
        loop.hooks().trackRejection(this);
      }
    }));
  }

  private void settle(int newState, Object value) {
    state = newState;
    result = value;
    if (first != null) {
      loop.hooks().enqueueReaction(first);
      first = null;
      if (more != null) {
        for (Reaction<?> r : more) {
          loop.hooks().enqueueReaction(r);
        }
        more = null;
      }
    }
  }

  /**
   * Whether it is still pending. Loop only (a racy read elsewhere).
   *
   * @return true until it is fulfilled or rejected
   */
  public boolean isPending() {
    return state == PENDING;
  }

  /**
   * Whether it was fulfilled.
   *
   * @return true once it is fulfilled
   */
  public boolean isFulfilled() {
    return state == FULFILLED;
  }

  /**
   * Whether it was rejected.
   *
   * @return true once it is rejected
   */
  public boolean isRejected() {
    return state == REJECTED;
  }

  boolean isHandled() {
    return handled;
  }

  Throwable reason() {
    return state == REJECTED ? (Throwable) result : null;
  }

  @SuppressWarnings("unchecked")
  T value() {
    return (T) result;
  }

  // ---------------------------------------------------------------------------------------------
  // Combinators

  /**
   * {@code Promise.all}: the values of every promise, in order, once all are fulfilled; the
   * first rejection otherwise. An empty list gives an empty list, one microtask later. Loop only.
   *
   * @param <T> the type of the values
   * @param loop the loop the returned promise belongs to
   * @param ps the promises to wait for; may be empty
   * @return a promise of their values, in the order of {@code ps}, or of the first rejection
   */
  public static <T> Promise<List<T>> all(EventLoop loop, List<? extends Promise<? extends T>> ps) {
    loop.hooks().checkInLoop();
    Promise<List<T>> out = new Promise<>(loop);
    int n = ps.size();
    Object[] values = new Object[n];
    int[] left = {n};
    if (n == 0) {
      out.fulfil(List.of());
    }
    for (int i = 0; i < n; i++) {
      int index = i;
      ps.get(i).subscribe(v -> {
        values[index] = v;
        if (--left[0] == 0) {
          @SuppressWarnings("unchecked")
          List<T> list = (List<T>) Arrays.asList(values);
          out.fulfil(list);
        }
      }, out::rejectWith);
    }
    return out;
  }

  /**
   * {@code Promise.allSettled}: every promise's outcome, in order, once all settled.
   *
   * @param <T> the type of the values
   * @param loop the loop the returned promise belongs to
   * @param ps the promises to wait for; may be empty
   * @return a promise of their outcomes, in the order of {@code ps}; it is never rejected
   */
  public static <T> Promise<List<Settled<T>>> allSettled(EventLoop loop,
      List<? extends Promise<? extends T>> ps) {
    loop.hooks().checkInLoop();
    Promise<List<Settled<T>>> out = new Promise<>(loop);
    int n = ps.size();
    List<Settled<T>> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      outcomes.add(null);
    }
    int[] left = {n};
    if (n == 0) {
      out.fulfil(List.of());
    }
    for (int i = 0; i < n; i++) {
      int index = i;
      Consumer<Settled<T>> record = s -> {
        outcomes.set(index, s);
        if (--left[0] == 0) {
          out.fulfil(outcomes);
        }
      };
      ps.get(i).subscribe(v -> record.accept(Settled.fulfilled(v)),
          e -> record.accept(Settled.rejected(e)));
    }
    return out;
  }

  /**
   * {@code Promise.race}: settles as the first of them to settle. An empty list gives a promise
   * that stays pending forever, as in JavaScript.
   *
   * @param <T> the type of the value
   * @param loop the loop the returned promise belongs to
   * @param ps the promises that race; empty for a promise that never settles
   * @return a promise settled as the first of {@code ps} to settle
   */
  public static <T> Promise<T> race(EventLoop loop, List<? extends Promise<? extends T>> ps) {
    loop.hooks().checkInLoop();
    Promise<T> out = new Promise<>(loop);
    for (Promise<? extends T> p : ps) {
      p.subscribe(out::fulfil, out::rejectWith);
    }
    return out;
  }

  /**
   * {@code Promise.any}: the first value; if all are rejected, an {@link AggregateException}
   * with every reason (at once, for an empty list).
   *
   * @param <T> the type of the value
   * @param loop the loop the returned promise belongs to
   * @param ps the promises that race; empty for one rejected at once
   * @return a promise of the first value, or rejected with an {@link AggregateException} of every
   *     reason, in the order of {@code ps}
   */
  public static <T> Promise<T> any(EventLoop loop, List<? extends Promise<? extends T>> ps) {
    loop.hooks().checkInLoop();
    Promise<T> out = new Promise<>(loop);
    int n = ps.size();
    Throwable[] errors = new Throwable[n];
    int[] left = {n};
    if (n == 0) {
      out.rejectWith(new AggregateException("All promises were rejected", List.of()));
    }
    for (int i = 0; i < n; i++) {
      int index = i;
      ps.get(i).subscribe(out::fulfil, e -> {
        errors[index] = e;
        if (--left[0] == 0) {
          out.rejectWith(new AggregateException("All promises were rejected",
              Arrays.asList(errors)));
        }
      });
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Adapters

  /**
   * A future completed with this promise's outcome (on the loop thread). Counts as a handler.
   * Any thread.
   *
   * @return a future completed, on the loop thread, with this promise's value or failure
   */
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> f = new CompletableFuture<>();
    if (loop.inLoop()) {
      subscribe(f::complete, f::completeExceptionally);
    } else {
      loop.execute(() -> subscribe(f::complete, f::completeExceptionally));
    }
    return f;
  }

  /**
   * A promise settled, on the loop, with the outcome of {@code stage}: its value, or its failure
   * unwrapped from {@link CompletionException}. It keeps the loop alive until then. Loop only.
   *
   * @param <T> the type of the value
   * @param loop the loop the returned promise belongs to
   * @param stage the stage whose outcome it takes; not null
   * @return a promise settled on the loop as {@code stage} completes
   */
  public static <T> Promise<T> fromFuture(EventLoop loop, CompletionStage<? extends T> stage) {
    Objects.requireNonNull(stage, "stage");
    loop.hooks().checkInLoop();
    Promise<T> p = new Promise<>(loop);
    loop.hooks().refHandle();
    stage.whenComplete((v, e) -> loop.execute(() -> {
      loop.hooks().unrefHandle();
      if (e == null) {
        p.fulfil(v);
      } else {
        p.rejectWith(e instanceof CompletionException && e.getCause() != null
            ? e.getCause() : e);
      }
    }));
    return p;
  }

  /**
   * A promise settled, on the loop, with the outcome of a core {@link io.execmodels.core.Task}
   * (or any {@link ListenableFuture}): its value, its failure, or a {@link
   * CancellationException}. It keeps the loop alive until then. Loop only.
   *
   * @param <T> the type of the value
   * @param loop the loop the returned promise belongs to
   * @param task the task or future whose outcome it takes; not null
   * @return a promise settled on the loop as {@code task} completes
   */
  public static <T> Promise<T> fromTask(EventLoop loop, ListenableFuture<? extends T> task) {
    Objects.requireNonNull(task, "task");
    loop.hooks().checkInLoop();
    Promise<T> p = new Promise<>(loop);
    loop.hooks().refHandle();
    task.addListener(() -> {
      loop.hooks().unrefHandle();
      try {
        p.fulfil(task.get());
      } catch (ExecutionException e) {
        p.rejectWith(e.getCause());
      } catch (CancellationException e) {
        p.rejectWith(e);
      } catch (InterruptedException e) {
        throw new AssertionError("get() of a done task waited", e);
      }
    }, loop);
    return p;
  }

  /** One reaction: a microtask, queued when its promise settles. */
  private static final class Reaction<T> implements Runnable {
    static final int THEN = 0;
    static final int COMPOSE = 1;
    static final int FINALLY = 2;
    static final int SUBSCRIBE = 3;

    private final Promise<T> source;
    private final Promise<Object> derived;
    private final int kind;
    private final Object onFulfilled;
    private final Object onRejected;

    @SuppressWarnings("unchecked")
    Reaction(Promise<T> source, Promise<?> derived, int kind, Object onFulfilled,
        Object onRejected) {
      this.source = source;
      this.derived = (Promise<Object>) derived;
      this.kind = kind;
      this.onFulfilled = onFulfilled;
      this.onRejected = onRejected;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
      boolean ok = source.state == FULFILLED;
      Object value = source.result;
      if (kind == SUBSCRIBE) {
        // The combinators' and adapters' own callbacks, which do not throw.
        if (ok) {
          ((Consumer<Object>) onFulfilled).accept(value);
        } else {
          ((Consumer<Object>) onRejected).accept(value);
        }
        return;
      }
      try {
        switch (kind) {
          case THEN -> {
            if (ok) {
              derived.fulfil(onFulfilled == null ? value
                  : ((Function<Object, Object>) onFulfilled).apply(value));
            } else if (onRejected == null) {
              derived.rejectWith((Throwable) value);
            } else {
              derived.fulfil(((Function<Object, Object>) onRejected).apply(value));
            }
          }
          case COMPOSE -> {
            if (ok) {
              Promise<Object> next =
                  ((Function<Object, Promise<Object>>) onFulfilled).apply(value);
              if (next == null) {
                derived.rejectWith(new NullPointerException(
                    "thenCompose's function returned null instead of a promise"));
              } else {
                derived.adopt(next);
              }
            } else {
              derived.rejectWith((Throwable) value);
            }
          }
          default -> {
            ((Runnable) onFulfilled).run();
            if (ok) {
              derived.fulfil(value);
            } else {
              derived.rejectWith((Throwable) value);
            }
          }
        }
      } catch (Throwable e) {
        derived.rejectWith(e);
      }
    }
  }
}
