package io.execmodels.multiprocess.internal;

import io.execmodels.multiprocess.RemoteTaskException;
import java.io.IOException;
import java.nio.ByteBuffer;

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
    byte[] description = Payloads.encode(RemoteTaskException.describing(failure, why));
    return ByteBuffer.allocate(4 + original.length + description.length)
        .putInt(original.length).put(original).put(description).array();
  }

  /**
   * Decodes a failure (in the parent) from {@code body} starting at {@code offset}: the exception
   * itself if it passes {@code payloads}' allow-list, else its description.
   *
   * @throws FrameException if not even the description decodes
   */
  public static Throwable decode(Payloads payloads, byte[] body, int offset) throws FrameException {
    if (body.length - offset < 4) {
      throw new FrameException("corrupt failure frame: " + (body.length - offset)
          + " bytes, too short for its length field");
    }
    int originalLength = ByteBuffer.wrap(body, offset, 4).getInt();
    // In long: a hostile length near Integer.MAX_VALUE must not wrap around to a small offset.
    long end = (long) offset + 4 + originalLength;
    if (originalLength < 0 || end > body.length) {
      throw new FrameException("corrupt failure frame: original length " + originalLength);
    }
    int descriptionAt = (int) end;
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
