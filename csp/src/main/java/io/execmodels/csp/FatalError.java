package io.execmodels.csp;

/**
 * Go's {@code fatal error}: a broken invariant of the runtime's own objects ({@code sync: unlock
 * of unlocked mutex}) that ends the program and that {@code recover} cannot catch. Here it ends
 * the run as a panic does, and {@link Recover} passes it on, as it does a {@link
 * VirtualMachineError}.
 */
public final class FatalError extends Error {
  private static final long serialVersionUID = 1L;

  /**
   * A fatal error with Go's message, {@code fatal error: <message>}.
   *
   * @param message Go's text after {@code fatal error: }, such as {@code sync: unlock of unlocked
   *     mutex}
   */
  public FatalError(String message) {
    super("fatal error: " + message);
  }
}
