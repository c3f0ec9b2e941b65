package io.execmodels.eventloop.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal single-threaded NIO server driving {@link HttpConnection}s: the shape the event
 * loop's TCP transport takes (readable → onRead / onEof, writable → onWritable, a timer →
 * checkTimeouts, execute → the loop's queue), kept in the tests to prove the transport interface
 * over real sockets before the loop exists.
 */
final class NioHttpServer {

  private final HttpHandler handler;
  private final HttpConfig config;
  private final Selector selector;
  private final ServerSocketChannel server;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
  private final Set<Conn> conns = new HashSet<>();
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;
  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger accepted = new AtomicInteger();

  NioHttpServer(HttpHandler handler, HttpConfig config) throws IOException {
    this.handler = handler;
    this.config = config;
    this.selector = Selector.open();
    this.server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    this.thread = Thread.ofPlatform().name("nio-http-test").start(this::loop);
  }

  int port() {
    return server.socket().getLocalPort();
  }

  /** The loop thread's failure, if it died: a connection must never throw into its transport. */
  Throwable failure() {
    return failure.get();
  }

  private void loop() {
    try {
      while (running) {
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        for (Conn c : conns) {
          next = Math.min(next, c.connection.nextDeadline());
        }
        long waitMs = next == Long.MAX_VALUE ? 1000
            : Math.clamp((next - now) / 1_000_000 + 1, 1, 1000);
        selector.select(waitMs);
        Runnable r;
        while ((r = tasks.poll()) != null) {
          r.run();
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
            continue;
          }
          Conn c = (Conn) key.attachment();
          if (key.isWritable()) {
            c.connection.onWritable();
          }
          if (key.isValid() && key.isReadable()) {
            c.read();
          }
        }
        now = System.nanoTime();
        for (Conn c : new ArrayList<>(conns)) {
          if (now - c.connection.nextDeadline() >= 0) {
            c.connection.checkTimeouts();
          }
        }
      }
    } catch (Throwable t) {
      failure.set(t);
    } finally {
      for (Conn c : new ArrayList<>(conns)) {
        c.connection.close();
      }
      try {
        selector.close();
        server.close();
      } catch (IOException e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  private void accept() throws IOException {
    SocketChannel ch = server.accept();
    if (ch == null) {
      return;
    }
    ch.configureBlocking(false);
    Conn c = new Conn(ch);
    c.key = ch.register(selector, SelectionKey.OP_READ, c);
    c.connection = new HttpConnection(c, handler, config, System::nanoTime);
    conns.add(c);
    open.incrementAndGet();
    accepted.incrementAndGet();
  }

  /** Stops the loop and closes every connection; returns once the loop thread has ended. */
  void close() throws InterruptedException {
    running = false;
    selector.wakeup();
    thread.join();
  }

  private final class Conn implements HttpTransport {
    final SocketChannel channel;
    SelectionKey key;
    HttpConnection connection;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }

    void read() {
      readBuffer.clear();
      int n;
      try {
        n = channel.read(readBuffer);
      } catch (IOException e) {
        connection.close();
        return;
      }
      if (n < 0) {
        connection.onEof();
      } else if (n > 0) {
        readBuffer.flip();
        connection.onRead(readBuffer);
      }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return channel.write(src);
    }

    @Override
    public void setWriteInterest(boolean on) {
      key.interestOps(on ? key.interestOps() | SelectionKey.OP_WRITE
          : key.interestOps() & ~SelectionKey.OP_WRITE);
    }

    @Override
    public void setReadInterest(boolean on) {
      key.interestOps(on ? key.interestOps() | SelectionKey.OP_READ
          : key.interestOps() & ~SelectionKey.OP_READ);
    }

    @Override
    public void shutdownOutput() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    public void close() {
      key.cancel();
      conns.remove(this);
      open.decrementAndGet();
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
      selector.wakeup();
    }
  }
}
