/**
 * The {@code eventloop} model: one Node.js process. {@link io.execmodels.eventloop.EventLoop} is
 * the loop — one thread running libuv's phases (timers, pending callbacks, NIO poll, check
 * immediates, close callbacks), draining {@code nextTick} and promise microtasks after every
 * callback — with Node's timers, {@link io.execmodels.eventloop.Promise}s, a worker pool and a
 * blocked-loop detector. {@link io.execmodels.eventloop.EventLoopModelProvider} registers it as
 * the model {@code eventloop} of core's SPI, where tasks borrow the loop's turn. Beside it, what
 * Node programs use around the loop: {@link io.execmodels.eventloop.EventEmitter}, the process's
 * lifecycle events ({@link io.execmodels.eventloop.LoopProcess}), {@link
 * io.execmodels.eventloop.AbortController} and {@link io.execmodels.eventloop.AbortSignal}, and
 * {@link io.execmodels.eventloop.TimersPromises}.
 *
 * <p>Not here: TCP and HTTP, which build on {@link io.execmodels.eventloop.EventLoop#register}
 * (package {@code net}, with the HTTP layer in {@code http}); Node's {@code cluster} and the
 * {@code cluster} model, in module {@code execmodels-cluster}, which builds on {@link
 * io.execmodels.eventloop.LoopModelScheduler}.
 */
package io.execmodels.eventloop;
