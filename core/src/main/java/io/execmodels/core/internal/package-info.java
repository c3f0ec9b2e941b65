/**
 * What core writes once for every model, on top of a model's {@link
 * io.execmodels.core.spi.Scheduler}: tasks and their contexts, channels and select, timeouts,
 * awaiting, cancellation, failure tracking and shutdown. Not exported: nothing here is API.
 *
 * <p>Every wait in this package has the same shape, the one the scheduler contract asks for: the
 * waker publishes a condition and then unparks; the waiter loops on "check condition, observe
 * cancellation, park". Cancellation, timeouts and timers are just more wakers.
 */
package io.execmodels.core.internal;
