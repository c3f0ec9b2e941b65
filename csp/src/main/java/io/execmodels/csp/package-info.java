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
 *   <li>{@link io.execmodels.csp.WaitGroup}, {@link io.execmodels.csp.Once}, {@link
 *       io.execmodels.csp.Mutex}, {@link io.execmodels.csp.RWMutex}, {@link io.execmodels.csp.Cond}:
 *       Go's {@code sync}, whose waits the deadlock report sees; {@link
 *       io.execmodels.csp.FatalError}: Go's unrecoverable {@code fatal error};
 *   <li>{@link io.execmodels.csp.GoContext}, {@link io.execmodels.csp.ContextError}: Go's {@code
 *       context};
 *   <li>{@link io.execmodels.csp.ErrGroup}: {@code golang.org/x/sync/errgroup};
 *   <li>{@link io.execmodels.csp.Timers}, {@link io.execmodels.csp.Timer}, {@link
 *       io.execmodels.csp.Ticker}: Go's {@code time} timers, on the model's clock;
 *   <li>{@link io.execmodels.csp.GoFunc}: Go's {@code func() error}, the body these run.
 * </ul>
 *
 * <p>{@link io.execmodels.csp.Recover} is Go's {@code recover}, {@link io.execmodels.csp.Chans}
 * {@code len} and {@code cap} with nil channels. The module's README maps Go to Java.
 */
package io.execmodels.csp;
