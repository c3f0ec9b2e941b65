/**
 * What core writes once for every model, on top of a model's {@link
 * io.execmodels.core.spi.Scheduler}: tasks and their contexts, channels and select, timeouts,
 * awaiting, cancellation, failure tracking and shutdown. Not exported: nothing here is API.
 *
 * <p>The middle layer of core: it implements the user face ({@link io.execmodels.core}) and calls
 * down into the SPI ({@link io.execmodels.core.spi}); the SPI never calls up into it, except
 * through what it is handed ({@link io.execmodels.core.spi.TaskBody#run()}). {@link
 * io.execmodels.core.internal.ModelRuntime} is the model: runs, the task life cycle, the order of
 * shutdown; {@link io.execmodels.core.internal.TaskImpl} is a task, the body a scheduler runs;
 * {@link io.execmodels.core.internal.CtxImpl} is what the task's code sees.
 *
 * <p>Every wait in this package has the same shape, the one the scheduler contract asks for: the
 * waker publishes a condition and then unparks; the waiter loops on "check condition, observe
 * cancellation, park". Cancellation, timeouts and timers are just more wakers. A channel operation
 * that completes another task's wait does so under the channel's lock and wakes it after
 * unlocking ({@link io.execmodels.core.internal.ChannelLock#unlockThenWake()}).
 */
package io.execmodels.core.internal;
