package io.execmodels.multiprocess.internal;

import io.execmodels.multiprocess.RemoteTaskException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

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
    byte[] description = Payloads.encode(describe(failure, why));
    return ByteBuffer.allocate(4 + original.length + description.length)
        .putInt(original.length).put(original).put(description).array();
  }

  /**
   * The most causes a description carries: a chain deeper than this (a recursion that wraps at
   * every level) would not cross the parent's depth limit, nor serialize on a small stack.
   */
  static final int MAX_CAUSES = 32;

  /** Describes {@code failure} and at most {@link #MAX_CAUSES} causes, stopping at a cycle. */
  private static RemoteTaskException describe(Throwable failure, String why) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    int kept = Math.min(chain.size(), MAX_CAUSES + 1);
    RemoteTaskException cause = null;
    for (int i = kept - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      String message = t.getMessage();
      if (i == kept - 1 && kept < chain.size()) {
        message = (message == null ? "" : message + " ") + "[" + (chain.size() - kept)
            + " deeper causes not sent]";
      }
      cause = new RemoteTaskException(t.getClass().getName(), message, t.getStackTrace(), cause,
          i == 0 ? why : null);
    }
    return cause;
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
