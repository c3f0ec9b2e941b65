/**
 * The provider face of execmodels: what a model implements, and how it plugs in. The bottom layer
 * of core: it depends on the user face's value types ({@code Traits}, {@code Job}, {@code Task})
 * and on nothing in {@code core.internal}.
 *
 * <p>A model implements only what differs between models — how a task starts, how the running
 * task parks and another wakes it, the clock and timers, what a blocking call, a CPU job and a
 * checkpoint mean — as a {@link io.execmodels.core.spi.Scheduler}, whose class comment states the
 * rules core and a scheduler keep (park and unpark, bodies, shutdown). Core hands it each task as
 * a {@link io.execmodels.core.spi.TaskBody}, and the scheduler hands back a {@link
 * io.execmodels.core.spi.Fiber}. Everything else (tasks, channels, select, timeouts, awaiting,
 * cancellation, failure propagation, shutdown order) is written once in core on top of it: {@link
 * io.execmodels.core.SchedulerModels#create} turns a scheduler into a full {@link
 * io.execmodels.core.ExecutionModel}. This is how Go's runtime builds every channel operation on
 * {@code gopark}/{@code goready}.
 *
 * <p>Helpers for writing a scheduler: {@link io.execmodels.core.spi.AbstractScheduler} (what most
 * schedulers share: the wall clock, blocking calls and jobs in place, the shutdown rules, with
 * {@link io.execmodels.core.spi.GraceDeadline} for the grace's arithmetic), {@link
 * io.execmodels.core.spi.VirtualThreadFibers} (a task per virtual thread: csp), {@link
 * io.execmodels.core.spi.VirtualThreadScheduler} (a scheduler made of them, whose {@code compute}
 * goes elsewhere: process-pool, grid),
 * {@link io.execmodels.core.spi.LoopTurns} with {@link io.execmodels.core.spi.TurnLoop} (tasks
 * that borrow an event loop's turn: eventloop, asyncio), {@link io.execmodels.core.spi.Carriers}
 * and {@link io.execmodels.core.spi.OneCarrier} (virtual threads on a carrier of the model's own,
 * where the JVM allows it), {@link io.execmodels.core.spi.TimerThread}, {@link
 * io.execmodels.core.spi.Drain}.
 *
 * <p>A model is found by name through an {@link io.execmodels.core.spi.ExecutionModelProvider}
 * registered for {@link java.util.ServiceLoader}. {@code docs/architecture.md} lists the files a
 * new model touches.
 */
package io.execmodels.core.spi;
