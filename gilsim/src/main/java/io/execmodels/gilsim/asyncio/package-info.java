/**
 * CPython's asyncio on the JVM: the {@code asyncio} model and a Java flavour of its API.
 *
 * <p>The model ({@link io.execmodels.gilsim.asyncio.AsyncioModelProvider}, name {@code asyncio})
 * runs one {@link io.execmodels.gilsim.asyncio.Loop} with asyncio's {@code _run_once} semantics;
 * tasks are core tasks that borrow the loop's turn (the mechanism eventloop shares), so code
 * between two awaits runs alone, a task's first step runs in a later iteration than its creation,
 * and cancellation arrives at the next await. {@link io.execmodels.gilsim.asyncio.Asyncio} holds
 * the functions ({@code gather}, {@code wait}, {@code wait_for}, {@code timeout}, {@code shield},
 * {@code to_thread}); the synchronisation primitives and queues are classes of their own. Like
 * asyncio's, they are not thread-safe: use them from tasks of one model.
 */
package io.execmodels.gilsim.asyncio;
