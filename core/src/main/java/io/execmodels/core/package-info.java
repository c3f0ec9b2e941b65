/**
 * The user face of execmodels: what business logic is written against, once, for every model.
 *
 * <p>A model is opened by name ({@link io.execmodels.core.ExecutionModels#open(String)}) or from
 * system properties ({@code -Dexecmodels.model=csp}). Code runs inside it as tasks: each task body
 * ({@link io.execmodels.core.Body}) receives a {@link io.execmodels.core.Ctx}, the only way it
 * touches concurrency — spawning and awaiting {@link io.execmodels.core.Task}s, sleeping on the
 * model's clock, {@link io.execmodels.core.Channel}s and {@link io.execmodels.core.Select},
 * timeouts, blocking calls and CPU-bound jobs. Each verb means what the model it runs on makes of
 * it: the same code is a goroutine program on {@code csp} and an async function on an event loop.
 *
 * <p>Every operation that can suspend the calling task is a <em>suspension point</em>: there, and
 * only there, a cancellation or an expired {@link io.execmodels.core.Ctx#withTimeout timeout} is
 * observed, as a {@link java.util.concurrent.CancellationException}.
 *
 * <p><b>Core's layers.</b> This package is the top one. Below it, {@code core.internal} (not
 * exported) holds what is written once for every model — tasks, channels, select, timeouts,
 * failure tracking, the order of shutdown — built on the SPI, {@link io.execmodels.core.spi}, the
 * bottom layer, which a model implements and which imports nothing of the other two. {@link
 * io.execmodels.core.SchedulerModels} is where they meet: it turns a model's scheduler into an
 * {@link io.execmodels.core.ExecutionModel}. {@code docs/architecture.md} draws the layers and a
 * task's path through them.
 */
package io.execmodels.core;
