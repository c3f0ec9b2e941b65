package io.execmodels.multiprocess.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The wire format between a pool and its children: a frame is a 4-byte big-endian length {@code
 * n}, then {@code n} bytes whose first is the frame's kind. Task frames carry an 8-byte task id
 * next. Both sides read with a size limit, so a bad length never makes either allocate a huge
 * buffer: it ends the connection with a {@link FrameException} naming the length.
 */
public final class Frames {

  /** Child to parent, first frame: token (8), worker id (4), pid (8). */
  public static final byte HELLO = 1;
  /** Parent to child, after HELLO: the initializer's payload, or none (length 0). */
  public static final byte INIT = 2;
  /** Child to parent: the initializer ran (or there was none); tasks may come. */
  public static final byte READY = 3;
  /** Child to parent: the initializer failed; payload is the failure. The child then exits. */
  public static final byte INIT_FAILED = 4;
  /** Parent to child: id (8), then a serialized {@code Job}. */
  public static final byte TASK = 5;
  /**
   * Parent to child: id (8), function length (4), serialized function, serialized {@code Object[]}
   * of items; the result is the {@code Object[]} of the function's results.
   */
  public static final byte CHUNK = 6;
  /** Child to parent: id (8), serialized result. */
  public static final byte RESULT = 7;
  /** Child to parent: id (8), a task failure as {@link Failures} encodes it. */
  public static final byte FAILURE = 8;
  /** Parent to child: finish the frames already sent, then exit with status 0. */
  public static final byte SHUTDOWN = 9;
  /** Child to parent: a frame the child got was unusable; payload is the reason (UTF-8). */
  public static final byte PROTOCOL_ERROR = 10;
  /** Either way, on a {@code ChildLink}: one serialized message, delivered in the order sent. */
  public static final byte MESSAGE = 11;
  /**
   * Either way, on a {@code ChildLink}: the peer refused a {@link #MESSAGE} it got (a class off
   * its allow-list, a graph limit); payload is the reason (UTF-8). The link goes on.
   */
  public static final byte REFUSED = 12;

  /** Exit status of a child that got an unusable frame. */
  public static final int EXIT_PROTOCOL_ERROR = 3;
  /** Exit status of a child whose initializer failed. */
  public static final int EXIT_INIT_FAILED = 4;
  /** Exit status of a child that saw its parent die. */
  public static final int EXIT_ORPHANED = 5;

  private Frames() {}

  /**
   * Reads one frame's body (kind first), or returns {@code null} at a clean end of stream between
   * frames.
   *
   * @throws FrameException if the length is negative, zero or over {@code maxFrameBytes}, or the
   *     stream ends inside a frame
   */
  public static byte[] read(DataInputStream in, int maxFrameBytes) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length;
    try {
      length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
          | in.readUnsignedByte();
    } catch (EOFException e) {
      throw new FrameException("corrupt frame: the stream ended inside a frame's length", e);
    }
    if (length <= 0) {
      throw new FrameException("corrupt frame: length " + length);
    }
    if (length > maxFrameBytes) {
      throw new FrameException("frame of " + length + " bytes is over the limit of "
          + maxFrameBytes + " bytes (maxFrameBytes)");
    }
    byte[] body = new byte[length];
    try {
      in.readFully(body);
    } catch (EOFException e) {
      throw new FrameException("corrupt frame: the stream ended inside a frame of " + length
          + " bytes", e);
    }
    return body;
  }

  /** A frame with a kind and a payload, length prefix included, ready to write. */
  public static ByteBuffer frame(byte kind, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(5 + payload.length);
    b.putInt(1 + payload.length).put(kind).put(payload).flip();
    return b;
  }

  /** A task frame: kind, id, then {@code parts} one after another. */
  public static ByteBuffer taskFrame(byte kind, long id, byte[]... parts) {
    int n = 9;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(4 + n);
    b.putInt(n).put(kind).putLong(id);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.flip();
  }

  /** Writes every byte of {@code buffers}. The caller serialises writers of one channel. */
  public static void writeAll(WritableByteChannel out, ByteBuffer... buffers) throws IOException {
    for (ByteBuffer b : buffers) {
      while (b.hasRemaining()) {
        out.write(b);
      }
    }
  }

  /**
   * The 8-byte id at offset 1 of a task frame's body.
   *
   * @throws FrameException if the body is too short to hold one
   */
  public static long id(byte[] body) throws FrameException {
    if (body.length < 9) {
      throw new FrameException("corrupt frame: a task frame of " + body.length
          + " bytes is too short for its task id");
    }
    return ByteBuffer.wrap(body, 1, 8).getLong();
  }
}
