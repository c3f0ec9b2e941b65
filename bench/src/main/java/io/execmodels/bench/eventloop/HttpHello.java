package io.execmodels.bench.eventloop;

import io.execmodels.eventloop.http.HttpConfig;
import io.execmodels.eventloop.http.HttpConnection;
import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpResponse;
import io.execmodels.eventloop.http.HttpTransport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTTP layer's share of a {@code wrk} hello request: the request {@code wrk} sends is fed to
 * an {@link HttpConnection}, parsed, handed to a handler that returns a shared response, encoded
 * (with a {@code Date} header, as Node sends) and written to a transport that takes every byte.
 * No socket and no loop: the figure is the CPU cost the server adds per request on top of the
 * system calls, once one at a time and once sixteen pipelined in one read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HttpHello {

  private static final int PIPELINED = 16;
  // What wrk 4 sends for "wrk http://127.0.0.1:8080/".
  private static final byte[] REQUEST =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private HttpConnection connection;
  private Sink sink;
  private ByteBuffer one;
  private ByteBuffer many;

  /** A transport that takes every byte at once and counts them. */
  static final class Sink implements HttpTransport {
    long bytes;

    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      src.position(src.limit());
      bytes += n;
      return n;
    }

    @Override
    public void setWriteInterest(boolean on) {
      throw new IllegalStateException("the sink is always writable");
    }

    @Override
    public void setReadInterest(boolean on) {
      throw new IllegalStateException("no back-pressure expected");
    }

    @Override
    public void shutdownOutput() {
      throw new IllegalStateException("a keep-alive connection must not half-close");
    }

    @Override
    public void close() {
      throw new IllegalStateException("a keep-alive connection must not close");
    }

    @Override
    public void execute(Runnable task) {
      throw new IllegalStateException("the hello handler answers at once");
    }
  }

  @Setup
  public void setUp() {
    HttpResponse hello = HttpResponse.text(200, "Hello World");
    sink = new Sink();
    connection = new HttpConnection(
        sink, HttpHandler.sync(r -> hello), HttpConfig.defaults(), System::nanoTime);
    one = ByteBuffer.wrap(REQUEST);
    many = ByteBuffer.allocate(REQUEST.length * PIPELINED);
    for (int i = 0; i < PIPELINED; i++) {
      many.put(REQUEST);
    }
  }

  /** One request per read, as {@code wrk} without pipelining. */
  @Benchmark
  public long oneRequest() {
    one.clear();
    connection.onRead(one);
    return sink.bytes;
  }

  /** Sixteen pipelined requests in one read; the figure is per request. */
  @Benchmark
  @OperationsPerInvocation(PIPELINED)
  public long pipelined() {
    many.clear();
    connection.onRead(many);
    return sink.bytes;
  }
}
