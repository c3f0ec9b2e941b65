package io.execmodels.csp;

import io.execmodels.core.Ctx;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Go's {@code recover}, for one goroutine: {@code go func() { defer func() { if r := recover(); r
 * != nil { handle(r) } }(); f() }()}.
 *
 * <p>By default a failure escaping a goroutine ({@link Ctx#go}) is a panic: it ends the run and
 * cancels the run's other tasks, as a panic ends a Go program. A goroutine started here hands its
 * panic to a {@link Handler} instead, and the run goes on. For a whole model, the unhandled-failure
 * policy {@link io.execmodels.core.UnhandledFailurePolicy#LOG} is the blunt equivalent: every
 * goroutine's panic is logged, and none ends the run.
 *
 * <p>What is not recovered, as in Go: a cancellation (the goroutine was asked to stop: that is not
 * a panic), a {@link VirtualMachineError} such as {@code OutOfMemoryError}, and a {@link
 * FatalError} such as an unlock of an unlocked {@link Mutex} (Go's fatal errors cannot be
 * recovered either); they propagate as if {@code recover} were absent. A handler that throws
 * panics again, from the goroutine, and that panic ends the run.
 */
public final class Recover {
  private Recover() {}

  /** What a recovering goroutine does with its panic: the body of Go's deferred function. */
  @FunctionalInterface
  public interface Handler extends Serializable {

    /**
     * Handles a recovered panic, on the goroutine that panicked.
     *
     * @param ctx the context of that goroutine
     * @param panic what escaped the goroutine's body
     * @throws Exception to panic again: the new failure ends the run
     */
    void recovered(Ctx ctx, Throwable panic) throws Exception;
  }

  /**
   * Starts a goroutine running {@code body} that recovers from its own panic with {@code handler}.
   * Not a suspension point.
   *
   * @param ctx the context of the task starting it
   * @param body what the goroutine runs
   * @param handler what the goroutine runs with the panic {@code body} threw, as a deferred {@code
   *     recover()}
   * @throws NullPointerException if {@code body} or {@code handler} is {@code null}
   */
  public static void go(Ctx ctx, GoFunc body, Handler handler) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(handler, "handler");
    ctx.go(c -> {
      try {
        body.run(c);
      } catch (CancellationException | VirtualMachineError | FatalError e) {
        throw e;
      } catch (Throwable panic) {
        handler.recovered(c, panic);
      }
      return null;
    });
  }
}
