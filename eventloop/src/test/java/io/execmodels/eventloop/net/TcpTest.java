package io.execmodels.eventloop.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.eventloop.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP on the loop over real sockets on 127.0.0.1. Most scenarios run entirely inside one {@code
 * run()}: that {@code run()} returns at all proves no connection or server was left open (each
 * keeps the loop alive), and a leak shows as the timeout.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpTest {

  private static final InetSocketAddress ANY_LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final EventLoop loop = new EventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  private static String text(ByteBuffer b) {
    return StandardCharsets.ISO_8859_1.decode(b).toString();
  }

  @Test
  void aServerClosedAfterThePollFreesItsPortBeforeRunReturns() throws Exception {
    // Closed by a task submitted with execute(), which runs after the selector polled: the loop
    // then has nothing left and returns without polling again, where NIO would close the socket.
    AtomicReference<TcpServer> server = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> loop.run(() -> {
      server.set(TcpServer.listen(loop, ANY_LOOPBACK, c -> (conn, data) -> { }));
      loop.setTimeout(() -> loop.execute(() -> server.get().close()), 1);
    }));
    t.join(30_000);
    assertThat(t.isAlive()).as("run() returned").isFalse();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), server.get().port()))
        .as("a connection to the closed server's port").isInstanceOf(ConnectException.class);
  }

  @Test
  void echoesOverALoopbackConnectionAndRunReturnsOnceServerAndClientAreClosed() {
    List<String> events = new ArrayList<>();
    StringBuilder received = new StringBuilder();
    loop.run(() -> {
      TcpServer server = TcpServer.listen(loop, ANY_LOOPBACK, c -> new TcpHandler() {
        @Override
        public void onData(TcpConnection conn, ByteBuffer data) {
          conn.write(data);
        }

        @Override
        public void onEnd(TcpConnection conn) {
          events.add("server end");
          conn.end();
        }

        @Override
        public void onClose(TcpConnection conn) {
          events.add("server close");
        }
      });
      assertThat(server.port()).isPositive();
      TcpConnection.connect(loop, "127.0.0.1", server.port(), new TcpHandler() {
        @Override
        public void onConnect(TcpConnection c) {
          events.add("connect");
          c.write("hello ".getBytes(StandardCharsets.ISO_8859_1));
          c.write("world".getBytes(StandardCharsets.ISO_8859_1));
          c.end();
        }

        @Override
        public void onData(TcpConnection c, ByteBuffer data) {
          received.append(text(data));
        }

        @Override
        public void onEnd(TcpConnection c) {
          events.add("client end");
        }

        @Override
        public void onClose(TcpConnection c) {
          events.add("client close");
          assertThat(server.connections()).isEmpty();
          server.close();
        }
      });
    });
    assertThat(received.toString()).isEqualTo("hello world");
    assertThat(events).startsWith("connect", "server end").contains("client end", "server close",
        "client close");
  }

  @Test
  void aWriterToAPeerThatDoesNotReadSeesPendingBytesAndGetsDrainOnceThePeerReads() {
    byte[] chunk = new byte[64 * 1024];
    long[] written = {0};
    long[] received = {0};
    long[] pendingAtFalse = {-1};
    boolean[] drained = {false};
    List<String> order = new ArrayList<>();
    loop.run(() -> {
      TcpConnection[] client = new TcpConnection[1];
      TcpServer server = TcpServer.listen(loop, ANY_LOOPBACK, c -> new TcpHandler() {
        @Override
        public void onData(TcpConnection conn, ByteBuffer data) {
          // The client's one byte: it is connected and paused; write until back-pressure.
          boolean below;
          do {
            below = conn.write(chunk);
            written[0] += chunk.length;
          } while (below);
          pendingAtFalse[0] = conn.pendingBytes();
          order.add("write returned false");
          client[0].resume();
        }

        @Override
        public void onDrain(TcpConnection conn) {
          drained[0] = true;
          order.add("drain");
          assertThat(conn.pendingBytes()).isZero();
          conn.end();
        }
      });
      client[0] = TcpConnection.connect(loop, "127.0.0.1", server.port(), new TcpHandler() {
        @Override
        public void onConnect(TcpConnection c) {
          c.pause();
          c.write(new byte[] {1});
        }

        @Override
        public void onData(TcpConnection c, ByteBuffer data) {
          received[0] += data.remaining();
        }

        @Override
        public void onEnd(TcpConnection c) {
          order.add("client end");
          c.close();
          server.close();
        }
      });
    });
    assertThat(pendingAtFalse[0]).isGreaterThanOrEqualTo(16 * 1024);
    assertThat(drained[0]).isTrue();
    assertThat(order).containsExactly("write returned false", "drain", "client end");
    assertThat(received[0]).isEqualTo(written[0]);
  }

  @Test
  void aHalfClosedConnectionStillCarriesTheOtherDirectionThenClosesWhenBothSidesEnded() {
    StringBuilder clientGot = new StringBuilder();
    List<String> events = new ArrayList<>();
    loop.run(() -> {
      TcpServer server = TcpServer.listen(loop, ANY_LOOPBACK, c -> new TcpHandler() {
        final StringBuilder got = new StringBuilder();

        @Override
        public void onData(TcpConnection conn, ByteBuffer data) {
          got.append(text(data));
        }

        @Override
        public void onEnd(TcpConnection conn) {
          events.add("server saw end after " + got);
          // The client's output is shut; ours is not: answer, then end our side too.
          conn.write(("pong to " + got).getBytes(StandardCharsets.ISO_8859_1));
          conn.end();
        }

        @Override
        public void onClose(TcpConnection conn) {
          events.add("server closed");
        }
      });
      TcpConnection.connect(loop, "127.0.0.1", server.port(), new TcpHandler() {
        @Override
        public void onConnect(TcpConnection c) {
          c.write("ping".getBytes(StandardCharsets.ISO_8859_1));
          c.end();
          assertThatThrownBy(() -> c.write(new byte[1]))
              .isInstanceOf(IllegalStateException.class).hasMessageContaining("after end()");
        }

        @Override
        public void onData(TcpConnection c, ByteBuffer data) {
          clientGot.append(text(data));
        }

        @Override
        public void onClose(TcpConnection c) {
          events.add("client closed, peer ended " + c.peerEnded());
          server.close();
        }
      });
    });
    assertThat(clientGot.toString()).isEqualTo("pong to ping");
    assertThat(events).contains("server saw end after ping", "server closed",
        "client closed, peer ended true");
  }

  @Test
  void whatOnConnectionWritesAndEndsGoesOutOnceTheConnectionIsRegistered() {
    StringBuilder got = new StringBuilder();
    loop.run(() -> {
      TcpServer server = TcpServer.listen(loop, ANY_LOOPBACK, c -> {
        // Before the handler exists: a greeting, then our side ends.
        c.write("greetings".getBytes(StandardCharsets.ISO_8859_1));
        c.end();
        return (conn, data) -> { };
      });
      TcpConnection.connect(loop, "127.0.0.1", server.port(), new TcpHandler() {
        @Override
        public void onData(TcpConnection c, ByteBuffer data) {
          got.append(text(data));
        }

        @Override
        public void onEnd(TcpConnection c) {
          c.end();
        }

        @Override
        public void onClose(TcpConnection c) {
          server.close();
        }
      });
    });
    assertThat(got.toString()).isEqualTo("greetings");
  }

  @Test
  void bytesWrittenAndEndCalledWhileConnectingGoOutOnceConnected() {
    StringBuilder got = new StringBuilder();
    long[] pendingWhileConnecting = {-1};
    List<TcpServer> servers = new ArrayList<>();
    loop.run(() -> {
      TcpServer server = TcpServer.listen(loop, ANY_LOOPBACK, c -> new TcpHandler() {
        @Override
        public void onData(TcpConnection conn, ByteBuffer data) {
          got.append(text(data));
        }

        @Override
        public void onEnd(TcpConnection conn) {
          conn.end();
          servers.get(0).close();
        }
      });
      servers.add(server);
      TcpConnection c = TcpConnection.connect(loop, "127.0.0.1", server.port(), (x, d) -> { });
      assertThat(c.write("early".getBytes(StandardCharsets.ISO_8859_1))).isTrue();
      pendingWhileConnecting[0] = c.pendingBytes();
      c.end();
    });
    assertThat(pendingWhileConnecting[0]).isEqualTo(5);
    assertThat(got.toString()).isEqualTo("early");
  }

  @Test
  void anUnrefdConnectionDoesNotKeepTheLoopAlive() {
    TcpConnection[] client = new TcpConnection[1];
    TcpServer[] server = new TcpServer[1];
    List<String> events = new ArrayList<>();
    loop.run(() -> {
      server[0] = TcpServer.listen(loop, ANY_LOOPBACK, c -> {
        // Before it is registered: the accepted end must stay unref'd once it is.
        c.unref();
        events.add("accepted");
        return (conn, data) -> { };
      }).unref();
      client[0] = TcpConnection.connect(loop, "127.0.0.1", server[0].port(), new TcpHandler() {
        @Override
        public void onConnect(TcpConnection c) {
          events.add("connected");
          c.unref();
        }

        @Override
        public void onData(TcpConnection c, ByteBuffer data) {
        }
      });
    });
    // run() returned with both ends connected and open, but unref'd.
    assertThat(events).containsExactlyInAnyOrder("connected", "accepted");
    loop.run(() -> {
      assertThat(client[0].isClosed()).isFalse();
      assertThat(client[0].hasRef()).isFalse();
      for (TcpConnection c : server[0].connections()) {
        c.close();
      }
      client[0].close();
      server[0].close();
    });
  }

  @Test
  void theMicrotaskCheckpointRunsAfterEachDataEventAsInNode() {
    List<String> order = new ArrayList<>();
    long[] got = {0};
    int total = 512 * 1024;
    loop.run(() -> {
      TcpServer server = TcpServer.listen(loop, ANY_LOOPBACK, c -> new TcpHandler() {
        @Override
        public void onData(TcpConnection conn, ByteBuffer data) {
          got[0] += data.remaining();
          order.add("data");
          loop.queueMicrotask(() -> order.add("microtask"));
          loop.nextTick(() -> order.add("tick"));
        }

        @Override
        public void onEnd(TcpConnection conn) {
          conn.end();
        }
      });
      TcpConnection.connect(loop, "127.0.0.1", server.port(), new TcpHandler() {
        @Override
        public void onConnect(TcpConnection c) {
          c.write(new byte[total]);
          c.end();
        }

        @Override
        public void onData(TcpConnection c, ByteBuffer data) {
        }

        @Override
        public void onClose(TcpConnection c) {
          server.close();
        }
      });
    });
    assertThat(got[0]).isEqualTo(total);
    // More than one read's worth (64 KiB buffer): several data events, each followed by its
    // checkpoint (ticks first, then microtasks) before the next.
    assertThat(order.size()).isGreaterThanOrEqualTo(3 * (total / (64 * 1024)));
    for (int i = 0; i < order.size(); i += 3) {
      assertThat(order.subList(i, i + 3)).containsExactly("data", "tick", "microtask");
    }
  }

  @Test
  void aRefusedConnectionIsReportedToOnErrorThenClosedAndTheLoopGoesOn() throws IOException {
    int port;
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      probe.bind(ANY_LOOPBACK);
      port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
    }
    AtomicReference<Throwable> error = new AtomicReference<>();
    List<String> events = new ArrayList<>();
    loop.run(() -> TcpConnection.connect(loop, "127.0.0.1", port, new TcpHandler() {
      @Override
      public void onConnect(TcpConnection c) {
        events.add("connect");
      }

      @Override
      public void onData(TcpConnection c, ByteBuffer data) {
        events.add("data");
      }

      @Override
      public void onError(TcpConnection c, Throwable e) {
        error.set(e);
        events.add("error");
      }

      @Override
      public void onClose(TcpConnection c) {
        events.add("close");
        assertThat(c.error()).isSameAs(error.get());
        loop.setTimeout(() -> events.add("loop still runs"), 1);
      }
    }));
    assertThat(error.get()).isInstanceOf(ConnectException.class);
    assertThat(events).containsExactly("error", "close", "loop still runs");
  }

  @Test
  void aPeerResetIsReportedNotThrownAndTheServerKeepsAccepting() throws Exception {
    AtomicReference<Throwable> error = new AtomicReference<>();
    List<String> events = new ArrayList<>();
    AtomicReference<TcpServer> server = new AtomicReference<>();
    Thread peer = new Thread(() -> {
      try {
        int port = loopCall(() -> server.get().port());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          s.getOutputStream().write('x');
          s.getOutputStream().flush();
          // The server answers once it has read 'x': then an abortive close sends a reset.
          s.getInputStream().read();
          s.setSoLinger(true, 0);
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          s.getOutputStream().write('y');
          s.shutdownOutput();
          assertThat(s.getInputStream().readAllBytes()).containsExactly('y');
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    loop.run(() -> {
      server.set(TcpServer.listen(loop, ANY_LOOPBACK, c -> new TcpHandler() {
        @Override
        public void onData(TcpConnection conn, ByteBuffer data) {
          byte b = data.get(0);
          events.add("data " + (char) b);
          conn.write(new byte[] {b});
          if (b == 'y') {
            conn.end();
          }
        }

        @Override
        public void onEnd(TcpConnection conn) {
          events.add("end");
        }

        @Override
        public void onError(TcpConnection conn, Throwable e) {
          error.set(e);
          events.add("error");
        }

        @Override
        public void onClose(TcpConnection conn) {
          events.add("close");
          if (server.get().acceptedCount() == 2 && server.get().connections().isEmpty()) {
            server.get().close();
          }
        }
      }));
      peer.start();
    });
    peer.join();
    assertThat(error.get()).isInstanceOf(IOException.class);
    assertThat(events).containsExactly("data x", "error", "close", "data y", "end", "close");
  }

  @Test
  void anUnrefdServerDoesNotKeepTheLoopAliveAndAClosedPortIsReleased() {
    int[] port = {0};
    TcpServer[] server = new TcpServer[1];
    loop.run(() -> {
      server[0] = TcpServer.listen(loop, ANY_LOOPBACK, c -> (conn, data) -> { }).unref();
      port[0] = server[0].port();
    });
    assertThat(port[0]).isPositive();
    loop.run(() -> {
      assertThat(server[0].isClosed()).isFalse();
      // NIO frees a registered socket when the selector next deregisters it: by the close
      // callback, in the close phase after the poll, the port is free again.
      server[0].close(() -> {
        TcpServer again = TcpServer.listen(loop, new InetSocketAddress(
            InetAddress.getLoopbackAddress(), port[0]), c -> (conn, data) -> { });
        assertThatThrownBy(() -> TcpServer.listen(loop, again.address(), c -> (conn, d) -> { }))
            .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot listen on");
        again.close();
      });
    });
  }

  @Test
  void connectionMethodsRefuseOtherThreads() {
    TcpServer[] server = new TcpServer[1];
    loop.run(() -> server[0] = TcpServer.listen(loop, ANY_LOOPBACK, c -> (conn, data) -> { })
        .unref());
    assertThatThrownBy(() -> server[0].close()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("on its loop only");
    assertThatThrownBy(() -> TcpConnection.connect(loop, "127.0.0.1", 1, (c, d) -> { }))
        .isInstanceOf(IllegalStateException.class);
    loop.run(() -> server[0].close());
  }

  /** Runs {@code f} on the loop from another thread and waits for its result. */
  private <T> T loopCall(java.util.concurrent.Callable<T> f) {
    java.util.concurrent.CompletableFuture<T> r = new java.util.concurrent.CompletableFuture<>();
    loop.execute(() -> {
      try {
        r.complete(f.call());
      } catch (Exception e) {
        r.completeExceptionally(e);
      }
    });
    return r.join();
  }
}
