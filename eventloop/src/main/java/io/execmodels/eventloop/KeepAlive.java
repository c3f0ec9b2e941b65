package io.execmodels.eventloop;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps an {@link EventLoop} alive until closed, as a ref'd handle or a pending request does in
 * libuv: what a thread that will later hand work to the loop holds, so {@link EventLoop#run} does
 * not return in between. Thread-safe; {@link #close} is idempotent.
 */
public final class KeepAlive implements AutoCloseable {
  private final EventLoop loop;
  private final AtomicBoolean closed = new AtomicBoolean();

  KeepAlive(EventLoop loop) {
    this.loop = loop;
  }

  /** Stops keeping the loop alive. Any thread; the loop notices at once if it is waiting. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      loop.hooks().releaseKeepAlive();
    }
  }
}
