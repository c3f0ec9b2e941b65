package io.execmodels.multiprocess.internal;

import io.execmodels.multiprocess.RemoteTaskException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How a task's failure crosses back: the exception itself, serialized, if it can be, and a
 * {@link RemoteTaskException} describing it in any case. The parent takes the exception itself
 * when its classes pass the allow-list, and the description otherwise: a task's exception never
 * ends the child that reported it. Payload: original length (4, 0 if none), original, description.
 */
public final class Failures {

  private Failures() {}

  /** Encodes {@code failure} (in the child). */
  public static byte[] encode(Throwable failure) throws IOException {
    byte[] original;
    String why = null;
    try {
      original = Payloads.encode(failure);
    } catch (IOException | RuntimeException e) {
      original = new byte[0];
      why = e.toString();
    }
    byte[] description = Payloads.encode(describe(failure, why, new IdentityHashMap<>()));
    return ByteBuffer.allocate(4 + original.length + description.length)
        .putInt(original.length).put(original).put(description).array();
  }

  private static RemoteTaskException describe(
      Throwable t, String why, Map<Throwable, Boolean> seen) {
    seen.put(t, Boolean.TRUE);
    Throwable c = t.getCause();
    RemoteTaskException cause = c == null || seen.containsKey(c) ? null : describe(c, null, seen);
    return new RemoteTaskException(t.getClass().getName(), t.getMessage(), t.getStackTrace(),
        cause, why);
  }

  /**
   * Decodes a failure (in the parent) from {@code body} starting at {@code offset}: the exception
   * itself if it passes {@code payloads}' allow-list, else its description.
   *
   * @throws FrameException if not even the description decodes
   */
  public static Throwable decode(Payloads payloads, byte[] body, int offset) throws FrameException {
    int originalLength = ByteBuffer.wrap(body, offset, 4).getInt();
    int descriptionAt = offset + 4 + originalLength;
    if (originalLength < 0 || descriptionAt > body.length) {
      throw new FrameException("corrupt failure frame: original length " + originalLength);
    }
    if (originalLength > 0) {
      try {
        if (payloads.decode(body, offset + 4, originalLength) instanceof Throwable t) {
          return t;
        }
      } catch (FrameException offTheList) {
        // The description below says what it was; it is made of allowed classes only.
      }
    }
    Object description = payloads.decode(body, descriptionAt, body.length - descriptionAt);
    if (description instanceof RemoteTaskException e) {
      return e;
    }
    throw new FrameException("corrupt failure frame: description is a "
        + (description == null ? "null" : description.getClass().getName()));
  }
}
