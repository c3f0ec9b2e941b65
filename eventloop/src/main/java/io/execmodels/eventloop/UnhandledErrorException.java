package io.execmodels.eventloop;

/**
 * Node's {@code ERR_UNHANDLED_ERROR}: an {@link EventEmitter} emitted {@code 'error'} with no
 * listener for it, and the error was not an unchecked exception that could be thrown as itself.
 * A checked exception is the cause; any other value is in the message, as Node shows it.
 */
public final class UnhandledErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Node's error code. */
  public static final String CODE = "ERR_UNHANDLED_ERROR";

  /** @param args the emit's arguments: the error is the first, if any */
  UnhandledErrorException(Object[] args) {
    super(message(args), args.length > 0 && args[0] instanceof Throwable t ? t : null);
  }

  private static String message(Object[] args) {
    if (args.length == 0) {
      return "Unhandled error. (undefined)";
    }
    Object error = args[0];
    return "Unhandled error. (" + (error instanceof String s ? "'" + s + "'" : error) + ")";
  }

  /**
   * {@value #CODE}.
   *
   * @return {@value #CODE}
   */
  public String code() {
    return CODE;
  }
}
