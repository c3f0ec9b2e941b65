package io.execmodels.multiprocess.internal;

import java.io.IOException;

/**
 * A frame that cannot be used: over the size limit, cut short, of an unknown kind, or holding a
 * payload that does not deserialize (a class off the allow-list, a class the reader cannot find).
 * The connection it came on is finished: the child at its other end is ended.
 */
public final class FrameException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A frame unusable for {@code reason}. */
  public FrameException(String reason) {
    super(reason);
  }

  /** A frame unusable for {@code reason}, found through {@code cause}. */
  public FrameException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
