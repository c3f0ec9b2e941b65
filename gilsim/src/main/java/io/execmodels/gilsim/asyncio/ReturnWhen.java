package io.execmodels.gilsim.asyncio;

/** When {@link Asyncio#wait} returns: asyncio's {@code return_when} constants. */
public enum ReturnWhen {
  /** As soon as any task is done (succeeded, failed or cancelled). */
  FIRST_COMPLETED,
  /** As soon as any task fails (cancellation is not a failure here), or when all are done. */
  FIRST_EXCEPTION,
  /** When every task is done. */
  ALL_COMPLETED
}
