/**
 * CPython's {@code threading} module in Java: {@link io.execmodels.gilsim.threading.PyThread},
 * {@link io.execmodels.gilsim.threading.Lock}, {@link io.execmodels.gilsim.threading.RLock},
 * {@link io.execmodels.gilsim.threading.Condition}, {@link
 * io.execmodels.gilsim.threading.Semaphore}, {@link
 * io.execmodels.gilsim.threading.BoundedSemaphore}, {@link io.execmodels.gilsim.threading.Event}
 * and {@link io.execmodels.gilsim.threading.Barrier}, with the semantics and error texts of
 * CPython 3.11.
 *
 * <p>Every wait gives up the GIL of the calling thread ({@link io.execmodels.gilsim.Gil#current()})
 * for as long as it blocks, as CPython's do, and takes it back after. An attempt that succeeds at
 * once keeps the GIL, as a C lock acquire that does not block does. A thread that runs under no
 * GIL may use them too: its waits simply block.
 *
 * <p>Python's {@code ValueError} is {@link java.lang.IllegalArgumentException} here, and its
 * {@code RuntimeError} {@link java.lang.IllegalStateException}, with Python's messages. Waits
 * throw {@link java.lang.InterruptedException} where a Java thread is interrupted (CPython has no
 * such thing; its waits end only by signals in the main thread).
 */
package io.execmodels.gilsim.threading;
