/**
 * The {@code csp} model: Go's goroutines and channels. Each task is a virtual thread; parking a
 * task parks its virtual thread ({@link java.util.concurrent.locks.LockSupport}); channels,
 * select and timeouts are core's, written once on top.
 *
 * <p>Open it with {@code ExecutionModels.open("csp")}. This is the model's first cut: the Go
 * idiom API (contexts, WaitGroup, errgroup, deadlock detection) and its tuning come next.
 */
package io.execmodels.csp;
