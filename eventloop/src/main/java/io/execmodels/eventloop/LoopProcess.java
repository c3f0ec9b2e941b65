package io.execmodels.eventloop;

/**
 * Node's {@code process} for one {@link EventLoop}: its lifecycle events and exit code. Get it
 * with {@link EventLoop#process()}.
 *
 * <p><b>Events</b> (an {@link EventEmitter}), in Node's order:
 *
 * <ul>
 *   <li>{@value #BEFORE_EXIT}, with the exit code, each time the loop has run out of work: its
 *       listeners may schedule more (a timer, an immediate), and the loop then goes on and emits it
 *       again when it runs out once more. Not emitted after {@link #exit} or an uncaught failure.
 *   <li>{@value #EXIT}, with the exit code, once, when the loop ends: after the last {@value
 *       #BEFORE_EXIT} added no work, inside {@link #exit}, or with code 1 when an uncaught failure
 *       ends it. Its listeners run synchronously; a timer they arm never fires.
 * </ul>
 *
 * <p>{@link EventLoop#stop()} (libuv's {@code uv_stop}, which a Node program cannot call) ends
 * the loop without either event. Loop thread only, as Node's {@code process} is.
 */
public final class LoopProcess extends EventEmitter {

  /** The event emitted when the loop has run out of work. */
  public static final String BEFORE_EXIT = "beforeExit";
  /** The event emitted once, when the loop ends. */
  public static final String EXIT = "exit";

  private final EventLoop loop;
  private int exitCode;

  LoopProcess(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * {@code process.exitCode}: the code the loop ends with; 0 unless set.
   *
   * @return the exit code; 0 unless set
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Sets {@code process.exitCode}, the code the events are given and the loop ends with.
   *
   * @param code the exit code
   */
  public void setExitCode(int code) {
    exitCode = code;
  }

  /** {@code process.exit()}: {@link #exit(int)} with the current {@link #exitCode()}. */
  public void exit() {
    exit(exitCode);
  }

  /**
   * {@code process.exit(code)}: sets the exit code, runs the {@value #EXIT} listeners, and ends
   * the loop at once: the code after this call in the running callback does not run (this throws
   * to unwind it), and neither does any other callback. {@link EventLoop#run} then returns.
   *
   * @param code the exit code, given to the {@value #EXIT} listeners
   * @throws IllegalStateException if called off the loop thread
   */
  public void exit(int code) {
    loop.hooks().exit(code);
  }
}
