package io.execmodels.multiprocess.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The lean encoding of what most tasks send: {@code null}, boxed primitives, strings and arrays of
 * them take a tag byte and their bits, with no serialization stream to set up; anything else is
 * Java serialization behind the allow-list ({@link Payloads}), tagged {@code 'J'}. Every class
 * with a tag of its own is in {@code java.lang}, which the allow-list always admits, so the lean
 * path allows nothing the list would refuse. Stateless and thread-safe.
 */
public final class Values {

  private static final byte NULL = 'N';
  private static final byte INT = 'I';
  private static final byte LONG = 'L';
  private static final byte DOUBLE = 'D';
  private static final byte BOOLEAN = 'Z';
  private static final byte STRING = 'S';
  private static final byte ARRAY = 'A';
  private static final byte JAVA = 'J';

  private Values() {}

  /** Encodes {@code value}; throws what Java serialization throws for what it cannot encode. */
  public static byte[] encode(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    DataOutputStream out = new DataOutputStream(bytes);
    write(out, value, true);
    out.flush();
    return bytes.toByteArray();
  }

  private static void write(DataOutputStream out, Object v, boolean top) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (v instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeByte(STRING);
      out.writeInt(utf8.length);
      out.write(utf8);
    } else if (top && v.getClass() == Object[].class) {
      Object[] a = (Object[]) v;
      out.writeByte(ARRAY);
      out.writeInt(a.length);
      for (Object e : a) {
        write(out, e, false);
      }
    } else {
      byte[] java = Payloads.encode(v);
      out.writeByte(JAVA);
      out.writeInt(java.length);
      out.write(java);
    }
  }

  /**
   * Decodes {@code length} bytes of {@code data} from {@code offset}, the Java-serialized parts
   * through {@code payloads}' allow-list.
   *
   * @throws FrameException if the bytes are not an encoded value, or a part is refused
   */
  public static Object decode(Payloads payloads, byte[] data, int offset, int length)
      throws FrameException {
    Reader r = new Reader(payloads, data, offset, length);
    try {
      Object v = r.read(true);
      if (r.in.available() != 0) {
        throw new FrameException("corrupt value: " + r.in.available() + " bytes left over");
      }
      return v;
    } catch (FrameException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new FrameException("corrupt value: " + e, e);
    }
  }

  private static final class Reader {
    final Payloads payloads;
    final DataInputStream in;

    Reader(Payloads payloads, byte[] data, int offset, int length) {
      this.payloads = payloads;
      this.in = new DataInputStream(new ByteArrayInputStream(data, offset, length));
    }

    Object read(boolean top) throws IOException {
      byte tag = in.readByte();
      switch (tag) {
        case NULL:
          return null;
        case INT:
          return in.readInt();
        case LONG:
          return in.readLong();
        case DOUBLE:
          return in.readDouble();
        case BOOLEAN:
          return in.readBoolean();
        case STRING: {
          byte[] utf8 = in.readNBytes(checkedLength());
          return new String(utf8, StandardCharsets.UTF_8);
        }
        case ARRAY: {
          if (!top) {
            throw new FrameException("corrupt value: nested array tag");
          }
          int n = checkedLength();
          Object[] a = new Object[n];
          for (int i = 0; i < n; i++) {
            a[i] = read(false);
          }
          return a;
        }
        case JAVA: {
          int n = checkedLength();
          byte[] java = in.readNBytes(n);
          return payloads.decode(java, 0, java.length);
        }
        default:
          throw new FrameException("corrupt value: unknown tag " + tag);
      }
    }

    private int checkedLength() throws IOException {
      int n = in.readInt();
      if (n < 0 || n > in.available()) {
        throw new FrameException("corrupt value: length " + n + " with " + in.available()
            + " bytes left");
      }
      return n;
    }
  }
}
