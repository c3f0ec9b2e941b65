package io.execmodels.multiprocess;

import io.execmodels.multiprocess.internal.Failures;
import io.execmodels.multiprocess.internal.Frames;
import io.execmodels.multiprocess.internal.Values;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A child that keeps the protocol's handshake and then answers every task with a crafted frame:
 * the pool's side of the protocol played against a misbehaving or corrupted worker. The answer to
 * task {@code id} is {@link #craft}'s for the seed in system property {@code rogue.seed} and that
 * id, so a failing case replays. Arguments as {@code ChildMain}'s.
 */
final class RogueChild {
  private RogueChild() {}

  /** What a crafted answer does to the pool's side. */
  enum Effect {
    /** A whole frame for the right task whose payload is damaged: that task alone fails. */
    FAILS_THE_TASK,
    /** A frame the pool cannot trust the stream after: the child is ended and replaced. */
    ENDS_THE_CHILD
  }

  /** A crafted answer: the bytes to write, and what they should do. */
  record Answer(byte[] bytes, Effect effect, String what) {}

  public static void main(String[] args) throws IOException {
    long seed = Long.getLong("rogue.seed", 1);
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(args[0]));
    int maxFrameBytes = Integer.parseInt(args[3]);
    DataInputStream in = new DataInputStream(
        new BufferedInputStream(Channels.newInputStream(channel)));
    OutputStream out = Channels.newOutputStream(channel);
    write(out, Frames.frame(Frames.HELLO, ByteBuffer.allocate(20)
        .putLong(Long.parseLong(args[2])).putInt(Integer.parseInt(args[1]))
        .putLong(ProcessHandle.current().pid()).array()));
    Frames.read(in, maxFrameBytes); // INIT: this child runs no initializer
    write(out, Frames.frame(Frames.READY, new byte[0]));
    for (byte[] body; (body = Frames.read(in, maxFrameBytes)) != null; ) {
      if (body[0] == Frames.SHUTDOWN) {
        System.exit(0);
      }
      long id = Frames.id(body);
      Answer a = craft(seed, id);
      out.write(a.bytes());
      out.flush();
      if (a.effect() == Effect.ENDS_THE_CHILD && a.what().startsWith("half a frame")) {
        System.exit(0); // The frame stays cut short: the stream ends inside it.
      }
    }
  }

  private static void write(OutputStream out, ByteBuffer frame) throws IOException {
    out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
    out.flush();
  }

  private static byte[] bytes(ByteBuffer frame) {
    byte[] b = new byte[frame.remaining()];
    frame.get(b);
    return b;
  }

  /** A valid encoding of one of a few values and failures, for damaging. */
  private static byte[] validPayload(SplittableRandom r, boolean failure) throws IOException {
    if (failure) {
      return Failures.encode(new IllegalStateException("boom", new ArithmeticException("x")));
    }
    List<Object> values = List.of(42, "hello", List.of(1, 2, 3), new long[] {1, 2, 3},
        new Object[] {"a", 1L, 2.5});
    return Values.encode(values.get(r.nextInt(values.size())));
  }

  /** Damages {@code p}: cut short, a few bits flipped, or replaced by random bytes. */
  private static byte[] damage(SplittableRandom r, byte[] p) {
    switch (r.nextInt(3)) {
      case 0 -> {
        return java.util.Arrays.copyOf(p, r.nextInt(p.length));
      }
      case 1 -> {
        byte[] q = p.clone();
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
          q[r.nextInt(q.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return q;
      }
      default -> {
        byte[] q = new byte[r.nextInt(64)];
        r.nextBytes(q);
        return q;
      }
    }
  }

  /** The answer to task {@code id}: one in five ends the child, the rest fail only the task. */
  static Answer craft(long seed, long id) throws IOException {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
    if (r.nextInt(5) > 0) {
      boolean failure = r.nextBoolean();
      byte[] payload = damage(r, validPayload(r, failure));
      return new Answer(bytes(Frames.taskFrame(failure ? Frames.FAILURE : Frames.RESULT, id,
          payload)), Effect.FAILS_THE_TASK, (failure ? "FAILURE" : "RESULT")
          + " with a damaged payload");
    }
    byte[] valid = bytes(Frames.taskFrame(Frames.RESULT, id, Values.encode(7)));
    return switch (r.nextInt(6)) {
      case 0 -> new Answer(bytes(Frames.frame((byte) (11 + r.nextInt(100)), new byte[8])),
          Effect.ENDS_THE_CHILD, "a frame of an unknown kind");
      case 1 -> new Answer(bytes(Frames.frame(Frames.RESULT, new byte[r.nextInt(8)])),
          Effect.ENDS_THE_CHILD, "a RESULT too short for its task id");
      case 2 -> new Answer(bytes(Frames.taskFrame(Frames.RESULT, id + 1 + r.nextInt(1000),
          Values.encode(7))), Effect.ENDS_THE_CHILD, "a RESULT for a task it was not given");
      case 3 -> new Answer(ByteBuffer.allocate(4).putInt(-1 - r.nextInt(1 << 30)).array(),
          Effect.ENDS_THE_CHILD, "a negative frame length");
      case 4 -> new Answer(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array(),
          Effect.ENDS_THE_CHILD, "a frame length over maxFrameBytes");
      default -> new Answer(java.util.Arrays.copyOf(valid, 1 + r.nextInt(valid.length - 1)),
          Effect.ENDS_THE_CHILD, "half a frame, then the end of the stream");
    };
  }
}
