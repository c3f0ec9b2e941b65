package io.execmodels.multiprocess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A task's failure in a child that could not come back as itself: its class is not serializable,
 * or not on the pool's allow-list. It carries the remote exception's class name, message and stack
 * trace (as its own stack trace), and its cause chain the same way. Immutable.
 */
public final class RemoteTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The name of the remote exception's class, which this JVM need not know. */
  private final String remoteClass;

  /**
   * Describes a remote failure.
   *
   * @param remoteClass the remote exception's class name
   * @param message its message, or {@code null}
   * @param trace its stack trace, as seen in the child
   * @param cause the description of its cause, or {@code null}
   * @param why why the exception itself could not be sent
   */
  public RemoteTaskException(String remoteClass, String message, StackTraceElement[] trace,
      RemoteTaskException cause, String why) {
    super(remoteClass + (message == null ? "" : ": " + message)
        + (why == null ? "" : " [sent as a description: " + why + "]"), cause);
    this.remoteClass = remoteClass;
    setStackTrace(trace);
  }

  /**
   * The most causes a description carries: a chain deeper than this (a recursion that wraps at
   * every level) would not cross the parent's depth limit, nor serialize on a small stack.
   */
  public static final int MAX_CAUSES = 32;

  /**
   * Describes {@code failure} and at most {@link #MAX_CAUSES} of its causes, stopping at a cycle: what a child
   * sends when the failure itself cannot cross.
   *
   * @param failure what the task threw
   * @param why why the failure itself is not sent, or {@code null}
   * @return its description, made of this class and {@code java.lang} values only
   */
  public static RemoteTaskException describing(Throwable failure, String why) {
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
   * The class name of the exception the task threw in the child.
   *
   * @return the remote exception's class name, as the child reported it
   */
  public String remoteClass() {
    return remoteClass;
  }
}
