package io.execmodels.multiprocess.internal;

import io.execmodels.core.Job;
import io.execmodels.multiprocess.SerializableFunction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of a child JVM. Kept lean, since its class loading is part of every pool's
 * start: {@code java.base}, this package and the user's classes only.
 *
 * <p>Arguments: socket path, worker id, token, maximum frame size, extra allow-list patterns (may
 * be empty), decode depth limit, decode reference limit. The child connects, says HELLO, runs the
 * initializer, says READY, then runs tasks one at a time in the order they arrive, on its main
 * thread, answering each with RESULT or FAILURE; a job it refuses (a class off the allow-list, a
 * graph limit) is answered with a FAILURE too. It exits with status 0 on SHUTDOWN; on an unusable
 * frame it says PROTOCOL_ERROR and exits with {@link Frames#EXIT_PROTOCOL_ERROR}; when the parent
 * dies (the socket ends, or the parent process id changes while a task runs) it halts with {@link
 * Frames#EXIT_ORPHANED}.
 */
public final class ChildMain {

  /** How often the watchdog checks that the parent is alive, while a task may be running. */
  private static final long PARENT_POLL_MILLIS = 50;
  /** Deserialized map functions kept, keyed by their bytes: a map sends the same one each chunk. */
  private static final int FUNCTION_CACHE = 16;

  private final DataInputStream in;
  /**
   * Answers go out through a buffer that is flushed only when no further frame is already read in:
   * a run of short tasks answers in few writes, and a lone task at once; {@link #lateFlush} sends
   * what a job started behind would hold back.
   */
  private final BufferedOutputStream out;
  private final LateFlush lateFlush;
  private final Payloads payloads;
  private final int maxFrameBytes;
  private final Map<ByteBuffer, SerializableFunction<Object, Object>> functions =
      new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(
            Map.Entry<ByteBuffer, SerializableFunction<Object, Object>> e) {
          return size() > FUNCTION_CACHE;
        }
      };

  private ChildMain(SocketChannel channel, Payloads payloads, int maxFrameBytes) {
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    this.lateFlush = new LateFlush(out);
    this.in = new DataInputStream(
        new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
    this.payloads = payloads;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 7) {
      System.err.println("usage: ChildMain socket workerId token maxFrameBytes allowPatterns"
          + " maxDecodeDepth maxDecodeRefs");
      System.exit(2);
    }
    watchParent();
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(args[0]));
    ChildMain child = new ChildMain(channel,
        new Payloads(args[4], Long.parseLong(args[5]), Long.parseLong(args[6])),
        Integer.parseInt(args[3]));
    child.send(Frames.frame(Frames.HELLO, ByteBuffer.allocate(20).putLong(Long.parseLong(args[2]))
        .putInt(Integer.parseInt(args[1])).putLong(ProcessHandle.current().pid()).array()));
    child.out.flush();
    try {
      child.initialize();
      child.serve();
    } catch (FrameException e) {
      child.send(Frames.frame(Frames.PROTOCOL_ERROR,
          e.getMessage().getBytes(StandardCharsets.UTF_8)));
      child.out.flush();
      System.exit(Frames.EXIT_PROTOCOL_ERROR);
    }
  }

  /**
   * Halts this JVM when its parent dies. The socket's end shows that too, but only between tasks:
   * this covers a task that runs for long. A changed parent id means this process was re-parented.
   * Also the guard of a child started on a named entry point ({@code ParentLink}).
   */
  public static void watchParent() {
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    Thread watchdog = new Thread(() -> {
      while (true) {
        long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (now != parent) {
          Runtime.getRuntime().halt(Frames.EXIT_ORPHANED);
        }
        try {
          Thread.sleep(PARENT_POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "execmodels-parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** A job of a named record class, as a task often is: for {@link #warmUp}. */
  private record Probe(int value) implements Job<Object> {
    @Override
    public Object compute() {
      return value;
    }
  }

  /**
   * Deserializes a lambda and a record of this class once, right after READY: the first task a
   * child gets is usually one or the other, and the machinery behind them (serialization streams,
   * {@code SerializedLambda}, the lambda metafactory, a record's canonical-constructor handle)
   * costs tens of milliseconds to load and link in a fresh JVM. Done here, it is also in the
   * class-data sharing archive the child writes at exit.
   */
  private void warmUp() throws IOException {
    Job<Object> lambda = () -> null;
    for (Job<Object> probe : java.util.List.of(lambda, new Probe(1))) {
      byte[] bytes = Payloads.encode(probe);
      Object back = payloads.decode(bytes, 0, bytes.length);
      if (!(back instanceof Job<?>)) {
        throw new FrameException("warm-up: a job came back as " + back);
      }
    }
    byte[] values = Values.encode(new Object[] {1, "x", null});
    Values.decode(payloads, values, 0, values.length);
  }

  private void initialize() throws IOException {
    byte[] body = next();
    if (body[0] != Frames.INIT) {
      throw new FrameException("expected INIT, got frame kind " + body[0]);
    }
    if (body.length > 1) {
      Object initializer = payloads.decode(body, 1, body.length - 1);
      try {
        ((Job<?>) initializer).compute();
      } catch (Throwable t) {
        send(Frames.frame(Frames.INIT_FAILED, Failures.encode(t)));
        out.flush();
        System.exit(Frames.EXIT_INIT_FAILED);
      }
    }
    send(Frames.frame(Frames.READY, new byte[0]));
    out.flush();
    // After READY: the pool's start does not wait for it, and a first task, if already sent,
    // waits for no more than it would have spent on the same work itself.
    warmUp();
  }

  private void serve() throws IOException {
    while (true) {
      byte[] body = next();
      switch (body[0]) {
        case Frames.TASK, Frames.CHUNK -> {
          long id = Frames.id(body);
          Job<?> job;
          try {
            job = body[0] == Frames.TASK ? task(body) : chunk(body);
          } catch (FrameException refused) {
            // The frame was whole and its id is sound: only this job is refused (a class off the
            // allow-list, a graph limit), and this child goes on with the next.
            InvalidObjectException failure = new InvalidObjectException(
                "the task was refused by the worker: " + refused.getMessage());
            failure.initCause(refused);
            sendAnswer(Frames.taskFrame(Frames.FAILURE, id, Failures.encode(failure)));
            continue;
          }
          answer(id, job);
        }
        case Frames.SHUTDOWN -> {
          out.flush();
          System.out.flush();
          System.err.flush();
          System.exit(0);
        }
        default -> throw new FrameException("unknown frame kind " + body[0]);
      }
    }
  }

  private Job<?> task(byte[] body) throws FrameException {
    Object job = payloads.decode(body, 9, body.length - 9);
    if (!(job instanceof Job<?> j)) {
      throw new FrameException("TASK frame holds a " + job.getClass().getName() + ", not a Job");
    }
    return j;
  }

  private Job<Object[]> chunk(byte[] body) throws FrameException {
    int fnLength = ByteBuffer.wrap(body, 9, 4).getInt();
    if (fnLength <= 0 || 13 + fnLength > body.length) {
      throw new FrameException("corrupt CHUNK frame: function length " + fnLength);
    }
    ByteBuffer key = ByteBuffer.wrap(Arrays.copyOfRange(body, 13, 13 + fnLength));
    SerializableFunction<Object, Object> fn = functions.get(key);
    if (fn == null) {
      Object decoded = payloads.decode(body, 13, fnLength);
      if (!(decoded instanceof SerializableFunction<?, ?>)) {
        throw new FrameException("CHUNK frame holds a " + decoded.getClass().getName()
            + ", not a function");
      }
      @SuppressWarnings("unchecked")
      SerializableFunction<Object, Object> f = (SerializableFunction<Object, Object>) decoded;
      fn = f;
      functions.put(key, fn);
    }
    Object items = Values.decode(payloads, body, 13 + fnLength, body.length - 13 - fnLength);
    if (!(items instanceof Object[] array)) {
      throw new FrameException("CHUNK frame's items are not an array");
    }
    SerializableFunction<Object, Object> f = fn;
    return () -> {
      Object[] results = new Object[array.length];
      for (int i = 0; i < array.length; i++) {
        results[i] = f.apply(array[i]);
      }
      return results;
    };
  }

  private void answer(long id, Job<?> job) throws IOException {
    lateFlush.jobStarting();
    Object result;
    try {
      result = job.compute();
    } catch (Throwable t) {
      sendAnswer(Frames.taskFrame(Frames.FAILURE, id, Failures.encode(t)));
      return;
    }
    byte[] bytes;
    try {
      bytes = Values.encode(result);
    } catch (Throwable e) {
      // Too deep, not serializable, or too big for this heap: that task fails, the child goes on.
      NotSerializableException failure = new NotSerializableException(
          "the task's result (a " + result.getClass().getName() + ") is not serializable: " + e);
      failure.initCause(e);
      sendAnswer(Frames.taskFrame(Frames.FAILURE, id, Failures.encode(failure)));
      return;
    }
    sendAnswer(Frames.taskFrame(Frames.RESULT, id, bytes));
  }

  private byte[] next() throws IOException {
    if (in.available() == 0) {
      lateFlush.flush();
    }
    byte[] body = Frames.read(in, maxFrameBytes);
    if (body == null) {
      // The parent closed the socket without SHUTDOWN: it died, or is killing this child.
      Runtime.getRuntime().halt(Frames.EXIT_ORPHANED);
    }
    return body;
  }

  private void sendAnswer(ByteBuffer frame) throws IOException {
    send(frame);
    lateFlush.wrote();
  }

  private void send(ByteBuffer frame) throws IOException {
    out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
  }
}
