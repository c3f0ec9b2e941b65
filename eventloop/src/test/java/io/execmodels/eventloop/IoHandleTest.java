package io.execmodels.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hook TCP builds on: a channel registered on the loop's selector. */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class IoHandleTest {

  @Test
  void aReadyChannelRunsItsHandlerInThePollPhaseAndItsCloseCallbackInTheClosePhase()
      throws Exception {
    Pipe pipe = Pipe.open();
    EventLoop loop = new EventLoop();
    List<String> out = new ArrayList<>();
    Thread writer = new Thread(() -> {
      try {
        pipe.sink().write(ByteBuffer.wrap("hello".getBytes()));
        pipe.sink().close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    loop.run(() -> {
      ByteBuffer buf = ByteBuffer.allocate(64);
      loop.register(pipe.source(), SelectionKey.OP_READ, (h, ops) -> {
        int n = ((Pipe.SourceChannel) h.channel()).read(buf);
        if (n < 0) {
          out.add("read " + new String(buf.array(), 0, buf.position()));
          loop.setImmediate(() -> out.add("immediate"));
          h.close(() -> out.add("closed"));
          assertThat(h.isClosed()).isTrue();
        }
      });
      // The writer starts only once the loop is set to wait for it.
      writer.start();
    });
    writer.join();
    // libuv's order within a turn: poll (the handler), check (the immediate), close.
    assertThat(out).containsExactly("read hello", "immediate", "closed");
    assertThat(pipe.source().isOpen()).isFalse();
    loop.close();
  }

  @Test
  void anUnrefdHandleDoesNotKeepTheLoopAliveAndARefdOneDoes() throws Exception {
    Pipe pipe = Pipe.open();
    EventLoop loop = new EventLoop();
    IoHandle[] handle = new IoHandle[1];
    loop.run(() -> {
      handle[0] = loop.register(pipe.source(), SelectionKey.OP_READ, (h, ops) -> { });
      handle[0].unref();
      assertThat(handle[0].hasRef()).isFalse();
    });
    // run() returned although the channel is still registered and open.
    assertThat(pipe.source().isOpen()).isTrue();
    List<String> out = new ArrayList<>();
    loop.run(() -> {
      handle[0].ref();
      loop.setTimeout(() -> handle[0].close(() -> out.add("closed")), 5);
    });
    assertThat(out).containsExactly("closed");
    assertThatThrownBy(() -> handle[0].interestOps(SelectionKey.OP_READ))
        .isInstanceOf(IllegalStateException.class);
    pipe.sink().close();
    loop.close();
  }
}
