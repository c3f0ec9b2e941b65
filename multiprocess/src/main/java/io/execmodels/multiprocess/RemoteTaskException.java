package io.execmodels.multiprocess;

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
   * The class name of the exception the task threw in the child.
   *
   * @return the remote exception's class name, as the child reported it
   */
  public String remoteClass() {
    return remoteClass;
  }
}
