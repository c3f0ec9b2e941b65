/**
 * The {@code csp} model: Go's goroutines and channels, and Go's idioms on top of them. Each task
 * is a virtual thread; parking a task parks its virtual thread ({@link
 * java.util.concurrent.locks.LockSupport}); channels, select and timeouts are core's, written once
 * on top.
 *
 * <p>Open it with {@code ExecutionModels.open("csp")}. The Go idiom API here is built on core's
 * public API only ({@link io.execmodels.core.Ctx}, its channels and tasks), so it runs on any
 * model, though it is Go's flavour:
 *
 * <ul>
 *   <li>{@link io.execmodels.csp.WaitGroup}, {@link io.execmodels.csp.Once}: Go's {@code sync};
 *       for {@code Mutex} and {@code RWMutex} use {@code java.util.concurrent.locks} (the module's
 *       README says why and what it costs);
 *   <li>{@link io.execmodels.csp.GoContext}, {@link io.execmodels.csp.ContextError}: Go's {@code
 *       context};
 *   <li>{@link io.execmodels.csp.ErrGroup}: {@code golang.org/x/sync/errgroup};
 *   <li>{@link io.execmodels.csp.Timers}, {@link io.execmodels.csp.Timer}, {@link
 *       io.execmodels.csp.Ticker}: Go's {@code time} timers, on the model's clock;
 *   <li>{@link io.execmodels.csp.GoFunc}: Go's {@code func() error}, the body these run.
 * </ul>
 *
 * <p>Not here yet: the goroutine-leak check, {@code GOMAXPROCS}, and the nil channel in select
 * (see the module's README, "Go to Java").
 */
package io.execmodels.csp;
