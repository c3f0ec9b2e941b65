package io.execmodels.eventloop.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory transport: records what is written and every call, accepts at most {@code
 * writeBudget} bytes per write, and queues {@link #execute} tasks for the test to run. It fails
 * the test (by throwing) when the connection breaks the transport's contract.
 */
final class FakeTransport implements HttpTransport {

  final ByteArrayOutputStream written = new ByteArrayOutputStream();
  final List<String> events = new ArrayList<>();
  final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  int writeBudget = Integer.MAX_VALUE;
  boolean readInterest = true;
  boolean writeInterest;
  boolean outputShut;
  int closes;
  IOException writeFailure;

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (closes > 0 || outputShut) {
      throw new AssertionError("write after close or shutdownOutput");
    }
    if (writeFailure != null) {
      throw writeFailure;
    }
    int n = Math.min(writeBudget, src.remaining());
    byte[] b = new byte[n];
    src.get(b);
    written.write(b, 0, n);
    return n;
  }

  @Override
  public void setWriteInterest(boolean on) {
    if (on == writeInterest) {
      throw new AssertionError("write interest set to what it already was: " + on);
    }
    writeInterest = on;
    events.add(on ? "write-on" : "write-off");
  }

  @Override
  public void setReadInterest(boolean on) {
    if (on == readInterest) {
      throw new AssertionError("read interest set to what it already was: " + on);
    }
    readInterest = on;
    events.add(on ? "read-on" : "read-off");
  }

  @Override
  public void shutdownOutput() {
    if (outputShut || closes > 0) {
      throw new AssertionError("shutdownOutput twice or after close");
    }
    outputShut = true;
    events.add("shutdown-output");
  }

  @Override
  public void close() {
    closes++;
    if (closes > 1) {
      throw new AssertionError("closed twice");
    }
    events.add("close");
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
    }
  }

  /** Runs queued tasks (and the ones they queue) on the calling thread. */
  int runTasks() {
    int n = 0;
    while (true) {
      Runnable r;
      synchronized (tasks) {
        r = tasks.poll();
      }
      if (r == null) {
        return n;
      }
      r.run();
      n++;
    }
  }

  String output() {
    return written.toString(StandardCharsets.ISO_8859_1);
  }

  List<Wire.Response> responses() {
    return Wire.parse(output());
  }
}
