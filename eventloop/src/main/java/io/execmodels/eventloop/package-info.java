/**
 * The {@code eventloop} model (to come): one Node.js process. One loop thread runs libuv's phases
 * — timers, pending callbacks, NIO poll, check (immediates), close — draining {@code nextTick} and
 * promise microtasks after every callback; blocking calls go to a worker pool; async functions are
 * tasks that borrow the loop's turn. The {@code cluster} model (Node's {@code cluster}) builds on
 * it with child processes from {@code execmodels-multiprocess}.
 */
package io.execmodels.eventloop;
