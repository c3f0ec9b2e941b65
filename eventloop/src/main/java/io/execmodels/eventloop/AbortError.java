package io.execmodels.eventloop;

/**
 * Node's abort errors: the {@code DOMException} an {@link AbortSignal} carries as its reason
 * ({@code AbortError}: "This operation was aborted"; {@code TimeoutError}: "The operation was
 * aborted due to timeout"), and the {@code AbortError} an aborted operation rejects with (code
 * {@code ABORT_ERR}, "The operation was aborted", the signal's reason as its cause).
 */
public final class AbortError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Node's {@code err.name}: {@code AbortError}. */
  private final String name;
  /** Node's {@code err.code}: {@code ABORT_ERR}. */
  private final String code;

  AbortError(String name, String message, String code, Throwable cause) {
    super(message, cause);
    this.name = name;
    this.code = code;
  }

  /** A signal's reason when {@link AbortController#abort()} is given none. */
  static AbortError aborted() {
    return new AbortError("AbortError", "This operation was aborted", null, null);
  }

  /** The reason of an {@link AbortSignal#timeout} signal. */
  static AbortError timedOut() {
    return new AbortError("TimeoutError", "The operation was aborted due to timeout", null, null);
  }

  /** What an operation aborted by {@code signal} rejects with. */
  static AbortError of(AbortSignal signal) {
    return new AbortError("AbortError", "The operation was aborted", "ABORT_ERR",
        signal.reason());
  }

  /**
   * Node's {@code err.name}: {@code AbortError} or {@code TimeoutError}.
   *
   * @return {@code "AbortError"} or {@code "TimeoutError"}
   */
  public String name() {
    return name;
  }

  /**
   * Node's {@code err.code}: {@code ABORT_ERR} for an aborted operation, else {@code null}.
   *
   * @return {@code "ABORT_ERR"}, or null for a timeout
   */
  public String code() {
    return code;
  }
}
