package io.execmodels.core;

/**
 * A Go channel: a typed conduit between tasks, unbuffered (each send meets a receive) or with a
 * fixed buffer. Created by {@link Ctx#channel(int)}.
 *
 * <p><b>Order.</b> Values from one sender are received in the order sent; every value is received
 * exactly once; a buffered channel is first in, first out. Blocked senders and receivers are served
 * first come, first served, with one difference from Go on a buffered channel: its sends and
 * receives that need not wait take no lock, so one of them arriving at the very moment a blocked
 * task is being served may go first; the blocked task then tries again.
 *
 * <p><b>Close.</b> {@link #close()} ends the stream: later sends fail with {@link
 * ChannelClosedException}, senders blocked at the time fail the same way, and receivers first
 * drain the buffer, then see the channel closed ({@link #receive()} throws, {@link #tryReceive()}
 * returns {@code null}, iteration ends, a select receive case fires with {@code null}). Closing
 * twice throws {@link IllegalStateException}.
 *
 * <p><b>Values</b> are never {@code null}: a closed channel is told apart by {@code null}.
 *
 * <p><b>Threads.</b> Blocking operations ({@link #send}, {@link #receive}, iteration) are suspension
 * points and must be called from a task of the model that made the channel; elsewhere they throw
 * {@link IllegalStateException}. {@link #trySend}, {@link #tryReceive}, {@link #close()}, {@link
 * #size()} and {@link #capacity()} never block and may be called from any thread.
 *
 * <p><b>Views.</b> A channel is both a {@link SendChannel} and a {@link ReceiveChannel}: hand a
 * task only the side it should use, as Go's {@code chan<- T} and {@code <-chan T} do.
 *
 * @param <T> the type of the values
 */
public interface Channel<T> extends SendChannel<T>, ReceiveChannel<T> {}
