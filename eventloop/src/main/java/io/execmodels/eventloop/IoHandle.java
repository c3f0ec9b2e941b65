package io.execmodels.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A channel registered on an {@link EventLoop}'s selector ({@link EventLoop#register}): libuv's
 * {@code uv_poll_t}, the hook TCP and HTTP are built on. Its methods are called on the loop and
 * throw {@link IllegalStateException} elsewhere.
 *
 * <p>While open and ref'd (the default) it keeps {@link EventLoop#run} from returning. {@link
 * #close} deregisters and closes the channel; its close callback runs in the loop's close phase,
 * as Node's {@code 'close'} events do.
 */
public final class IoHandle {
  private final EventLoop loop;
  private final SelectableChannel channel;
  final IoHandler handler;
  SelectionKey key;
  private boolean ref = true;
  private boolean closed;

  IoHandle(EventLoop loop, SelectableChannel channel, IoHandler handler) {
    this.loop = loop;
    this.channel = channel;
    this.handler = handler;
  }

  /**
   * The registered channel.
   *
   * @return the channel it watches
   */
  public SelectableChannel channel() {
    return channel;
  }

  /**
   * The operations ({@link SelectionKey} bits) it waits for.
   *
   * @return the operations it waits for; 0 once closed
   */
  public int interestOps() {
    loop.hooks().checkInLoop();
    return closed ? 0 : key.interestOps();
  }

  /**
   * Waits for {@code ops} from now on (0: for nothing, while staying registered).
   *
   * @param ops the {@link SelectionKey} operations to wait for; 0 for none
   * @return this handle
   * @throws IllegalStateException if closed
   */
  public IoHandle interestOps(int ops) {
    loop.hooks().checkInLoop();
    if (closed) {
      throw new IllegalStateException("the handle is closed");
    }
    key.interestOps(ops);
    return this;
  }

  /**
   * Makes it keep the loop alive (the default). Idempotent.
   *
   * @return this handle
   */
  public IoHandle ref() {
    loop.hooks().checkInLoop();
    if (!ref) {
      ref = true;
      if (!closed) {
        loop.hooks().refHandle();
      }
    }
    return this;
  }

  /**
   * Makes it stop keeping the loop alive. Idempotent.
   *
   * @return this handle
   */
  public IoHandle unref() {
    loop.hooks().checkInLoop();
    if (ref) {
      ref = false;
      if (!closed) {
        loop.hooks().unrefHandle();
      }
    }
    return this;
  }

  /**
   * Whether it keeps the loop alive while open.
   *
   * @return true if it keeps the loop alive, false after {@link #unref()}
   */
  public boolean hasRef() {
    return ref;
  }

  /**
   * Whether {@link #close} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops polling the channel without closing it, and runs {@code then} on the loop once the
   * selector has let go of it (a later turn), when closing the channel takes effect at once. This
   * is for a listener that must take what the kernel queued for it and close in one step: a
   * channel closed while registered stays open until the selector next polls, and anything queued
   * for it meanwhile is lost with it. The handle counts as closed from now on; the channel is the
   * caller's to close in {@code then}. While waiting it keeps the loop alive.
   *
   * @param then runs once the channel is no longer registered
   * @throws IllegalStateException if closed
   */
  public void detach(Runnable then) {
    loop.hooks().checkInLoop();
    if (closed) {
      throw new IllegalStateException("the handle is closed");
    }
    closed = true;
    key.cancel();
    if (ref) {
      loop.hooks().unrefHandle();
    }
    whenDeregistered(then); // the pending immediate keeps the loop alive meanwhile
  }

  /**
   * Runs {@code then} in a check phase once the channel is deregistered: the poll phase before
   * it let the selector drop the cancelled key (a loop with a key to drop always polls).
   */
  private void whenDeregistered(Runnable then) {
    loop.setImmediate(() -> {
      if (channel.isRegistered()) {
        whenDeregistered(then);
      } else {
        then.run();
      }
    });
  }

  /** Closes it without a close callback. */
  public void close() {
    close(null);
  }

  /**
   * Deregisters and closes the channel; {@code onClose}, if not null, runs in this turn's close
   * phase. Idempotent: a second call does nothing.
   *
   * @param onClose run once closed, in the close phase; null for nothing
   * @throws UncheckedIOException if closing the channel failed (it is deregistered anyway)
   */
  public void close(Runnable onClose) {
    loop.hooks().checkInLoop();
    if (closed) {
      return;
    }
    closed = true;
    key.cancel();
    if (ref) {
      loop.hooks().unrefHandle();
    }
    if (onClose != null) {
      loop.hooks().onClose(onClose);
    }
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + channel, e);
    }
  }
}
