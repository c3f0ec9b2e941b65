package io.execmodels.eventloop.net;

import io.execmodels.eventloop.EventLoop;
import java.nio.ByteBuffer;

/**
 * An echo server for {@link FdLimitTest}, run in a child JVM under a low descriptor limit: prints
 * {@code port N} once listening, then echoes every byte until killed.
 */
public final class FdLimitServer {

  private FdLimitServer() {}

  public static void main(String[] args) {
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      TcpServer server = TcpServer.listen(loop, "127.0.0.1", 0, c -> new TcpHandler() {
        @Override
        public void onData(TcpConnection connection, ByteBuffer data) {
          byte[] copy = new byte[data.remaining()];
          data.get(copy);
          connection.write(copy);
        }

        @Override
        public void onEnd(TcpConnection connection) {
          connection.close();
        }

        @Override
        public void onError(TcpConnection connection, Throwable error) {
          // A client the test closed while its connection waited in the backlog: expected.
        }
      });
      System.out.println("port " + server.port());
      System.out.flush();
    });
  }
}
