package io.execmodels.eventloop;

/**
 * What a channel registered with {@link EventLoop#register} runs when it is ready: called on the
 * loop, in the poll phase, with the microtask queues drained after it like any callback.
 */
@FunctionalInterface
public interface IoHandler {

  /**
   * The channel of {@code handle} is ready for {@code readyOps} ({@link
   * java.nio.channels.SelectionKey} bits). A failure thrown here is an uncaught exception of the
   * loop.
   *
   * @param handle the handle of the ready channel
   * @param readyOps the operations it is ready for
   * @throws Exception whatever the handler threw, an uncaught exception of the loop
   */
  void ready(IoHandle handle, int readyOps) throws Exception;
}
