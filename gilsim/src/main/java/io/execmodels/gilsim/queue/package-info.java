/**
 * CPython's {@code queue} module in Java: {@link io.execmodels.gilsim.queue.Queue} (FIFO), {@link
 * io.execmodels.gilsim.queue.LifoQueue} and {@link io.execmodels.gilsim.queue.PriorityQueue},
 * with {@code put}/{@code get} that block, time out or fail at once ({@link
 * io.execmodels.gilsim.queue.Queue.Empty}, {@link io.execmodels.gilsim.queue.Queue.Full}), and
 * {@code task_done}/{@code join}. A blocked {@code put}, {@code get} or {@code join} gives up the
 * calling thread's GIL while it waits.
 */
package io.execmodels.gilsim.queue;
