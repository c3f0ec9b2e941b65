/**
 * CPython's {@code concurrent.futures} in Java: {@link io.execmodels.gilsim.futures.Future} with
 * its four states, the {@link io.execmodels.gilsim.futures.Executor} contract, a {@link
 * io.execmodels.gilsim.futures.ThreadPoolExecutor} whose workers run under a {@link
 * io.execmodels.gilsim.Gil} (so CPU-bound tasks get no speed-up, as in CPython), a {@link
 * io.execmodels.gilsim.futures.ProcessPoolExecutor} on multiprocess's {@code WorkerPool} (child
 * JVMs), and the module functions {@link io.execmodels.gilsim.futures.Futures#asCompleted} and
 * {@link io.execmodels.gilsim.futures.Futures#wait}.
 *
 * <p>Every wait in this package (a result, {@code wait}, {@code asCompleted}, a worker waiting for
 * work, {@code shutdown(wait=true)}) gives the calling thread's GIL up for the wait, as CPython's
 * do. Timeouts are {@link java.time.Duration}s; {@code null} means no timeout (Python's {@code
 * None}), and a zero or negative one means "do not wait" (CPython raises nothing for a negative
 * timeout either: it just times out at once).
 *
 * <p>Python-to-Java: {@code gilsim/docs/futures.md}.
 */
package io.execmodels.gilsim.futures;
