package io.execmodels.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link OneCarrier}: one thread, in order, and nothing stranded when it closes. */
@Timeout(60)
class OneCarrierTest {

  /** A blocking socket round trip on the calling (virtual) thread, via a thread it makes. */
  private static int socketRoundTrip() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SocketChannel client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept()) {
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(20); // so the read below blocks, and registers with the JDK's poller
          client.write(ByteBuffer.wrap(new byte[] {7}));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      ByteBuffer one = ByteBuffer.allocate(1);
      accepted.read(one);
      writer.join();
      return one.get(0);
    }
  }

  @Test
  void runsWhatItIsGivenInOrderOnItsOneThread() throws Exception {
    List<String> ran = new ArrayList<>();
    OneCarrier carrier = new OneCarrier("test-carrier");
    CompletableFuture<Void> done = new CompletableFuture<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      carrier.execute(() -> ran.add(n + " " + Thread.currentThread().getName()));
    }
    carrier.execute(() -> done.complete(null));
    done.get(10, TimeUnit.SECONDS);
    carrier.close();
    assertThat(ran).containsExactly("0 test-carrier", "1 test-carrier", "2 test-carrier",
        "3 test-carrier", "4 test-carrier");
    assertThat(carrier.thread().join(Duration.ofSeconds(10))).as("the carrier's thread ended")
        .isTrue();
  }

  @Test
  void virtualThreadsThatInheritedAClosedCarrierStillRunSoSocketIoElsewhereNeverHangs()
      throws Exception {
    assumeTrue(Carriers.available(), "needs --add-opens java.base/java.lang (the build has it)");
    OneCarrier carrier = new OneCarrier("inherited-carrier");
    ThreadFactory threads = Carriers.virtualThreadsOn(carrier);
    CompletableFuture<Integer> onCarrier = new CompletableFuture<>();
    // Blocking socket I/O from a thread on the carrier: its writer thread, and possibly the JDK's
    // poller threads, are made there and inherit the carrier.
    threads.newThread(() -> {
      try {
        onCarrier.complete(socketRoundTrip());
      } catch (Exception e) {
        onCarrier.completeExceptionally(e);
      }
    }).start();
    assertThat(onCarrier.get(20, TimeUnit.SECONDS)).isEqualTo(7);
    carrier.close();

    // Before the fix, a closed carrier refused the continuation of a poller made on it, and this
    // read, on the default scheduler, waited for good.
    CompletableFuture<Integer> elsewhere = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        elsewhere.complete(socketRoundTrip());
      } catch (Exception e) {
        elsewhere.completeExceptionally(e);
      }
    });
    assertThat(elsewhere.get(20, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(carrier.thread().join(Duration.ofSeconds(1))).isTrue();
  }
}
