/**
 * Child JVMs for execmodels: {@link io.execmodels.multiprocess.WorkerPool} (Python's {@code
 * ProcessPoolExecutor} and {@code multiprocessing.Pool}) and the {@code process-pool} model on it
 * ({@link io.execmodels.multiprocess.ProcessPoolModelProvider}), whose {@code ctx.compute(job)}
 * runs in a child.
 *
 * <p>Children are started with the parent's {@code java} and class path, connect to a Unix domain
 * socket in a private (0700) temporary directory that exists only while they start, and exchange
 * length-prefixed frames; payloads are Java serialization behind an allow-list ({@link
 * io.execmodels.multiprocess.PoolOptions#allow}). A child that dies fails its tasks with {@link
 * io.execmodels.multiprocess.BrokenWorkerException}; a child whose parent dies exits; every child
 * is reaped. The wire format and the child's main class are in the {@code internal} package, which
 * is not API.
 */
package io.execmodels.multiprocess;
