package io.execmodels.eventloop.net;

import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.Timeout;
import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpConnection;
import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpTransport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Drives one {@link HttpConnection} from one {@link TcpConnection}: TCP events become the HTTP
 * connection's inputs, its transport calls become TCP operations, and one unref'd loop timer,
 * armed at its {@link HttpConnection#nextDeadline()}, runs {@link
 * HttpConnection#checkTimeouts()}.
 *
 * <p>The timer is re-armed lazily: a deadline that moved later (the common case, every request
 * pushing the idle deadline back) leaves the armed timer alone, and the timer re-arms itself at
 * the new deadline when it fires; only an earlier deadline re-arms at once. Loop thread only.
 */
final class HttpTcpTransport implements TcpHandler, HttpTransport {

  private final HttpServer server;
  private final TcpConnection tcp;
  private final EventLoop loop;
  private final HttpConnection http;
  private final Runnable onTimer = this::onTimer;
  private Timeout timer;
  private long timerDeadline = Long.MAX_VALUE;

  HttpTcpTransport(HttpServer server, TcpConnection tcp, HttpHandler handler, HttpConfig config) {
    this.server = server;
    this.tcp = tcp;
    this.loop = tcp.loop();
    this.http = new HttpConnection(this, handler, config, System::nanoTime, server.bodyBudget());
  }

  HttpConnection http() {
    return http;
  }

  @Override
  public void onData(TcpConnection c, ByteBuffer data) {
    http.onRead(data);
    schedule();
  }

  @Override
  public void onEnd(TcpConnection c) {
    http.onEof();
    schedule();
  }

  @Override
  public void onDrain(TcpConnection c) {
    http.onWritable();
    schedule();
  }

  @Override
  public void onError(TcpConnection c, Throwable error) {
    http.close();
  }

  @Override
  public void onClose(TcpConnection c) {
    http.close();
    server.closed(this);
  }

  private void onTimer() {
    timer = null;
    timerDeadline = Long.MAX_VALUE;
    http.checkTimeouts();
    schedule();
  }

  /** Arms the timer for the connection's next deadline unless one armed earlier covers it. */
  void schedule() {
    if (http.isClosed()) {
      if (timer != null) {
        timer.close();
        timer = null;
        timerDeadline = Long.MAX_VALUE;
      }
      return;
    }
    long deadline = http.nextDeadline();
    if (deadline == Long.MAX_VALUE || timer != null && timerDeadline - deadline <= 0) {
      return;
    }
    if (timer != null) {
      timer.close();
    }
    long delayMs = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
    timer = loop.setTimeout(onTimer, delayMs);
    timer.unref();
    timerDeadline = deadline;
  }

  void shutdown() {
    http.shutdown();
    schedule();
  }

  /** The server hands its port over: see {@link HttpConnection#drain()}. */
  void drain() {
    http.drain();
    schedule();
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return tcp.tryWrite(src);
  }

  @Override
  public void setWriteInterest(boolean on) {
    tcp.writeInterest(on);
  }

  @Override
  public void setReadInterest(boolean on) {
    if (on) {
      tcp.resume();
    } else {
      tcp.pause();
    }
  }

  @Override
  public void shutdownOutput() {
    tcp.end();
  }

  @Override
  public void close() {
    tcp.close();
    if (timer != null) {
      timer.close();
      timer = null;
    }
  }

  /**
   * A completion on the loop (a handler answering from a timer or a promise) runs in this
   * callback's microtask checkpoint, as a promise reaction does in Node; one from another thread
   * comes through the loop's submission queue.
   */
  @Override
  public void execute(Runnable task) {
    Runnable then = () -> {
      task.run();
      schedule();
    };
    if (loop.inLoop()) {
      loop.queueMicrotask(then);
    } else {
      loop.execute(then);
    }
  }
}
