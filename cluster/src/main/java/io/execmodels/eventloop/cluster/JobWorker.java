package io.execmodels.eventloop.cluster;

import io.execmodels.core.Config;
import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.LoopOptions;
import io.execmodels.multiprocess.RemoteTaskException;
import java.io.Serializable;

/**
 * The main class of the cluster model's workers: one event loop that runs each job the primary
 * sends as a callback of its own, as a Node worker runs the requests its primary hands it, and
 * sends back the job's value or failure. The primary sends a worker one job at a time, so a job
 * has the worker's loop to itself. Holding its loop is what a job is for, so the blocked-loop
 * detector, which would report every job longer than its threshold, is off here.
 *
 * <p>A job's failure goes back as itself when it serializes, else as a {@link
 * RemoteTaskException} describing it; a value that does not serialize fails the job with an
 * {@link IllegalArgumentException} naming it. Either way the worker goes on. A {@link
 * VirtualMachineError} other than a stack overflow is reported and then ends the worker, whose
 * JVM is not to be trusted after it; the primary replaces it.
 */
final class JobWorker {
  private JobWorker() {}

  /**
   * Runs the worker until the primary disconnects it; exits with its loop's exit code.
   *
   * @param args none
   */
  public static void main(String[] args) {
    EventLoop loop = new EventLoop(LoopOptions.from(
        Config.defaults().withOption(LoopOptions.BLOCKED_THRESHOLD_MILLIS, "0")));
    loop.run(() -> {
      WorkerProcess primary = WorkerProcess.connect(loop);
      primary.on("message", m -> answer(primary, (JobRequest) m[0]));
      // The primary refused a reply (its class is off the allow-list): it fails that job itself
      // and says why, so here it is only logged, and the worker goes on.
      primary.on("error", e -> System.err.println("execmodels cluster worker: " + e[0]));
    });
    int code = loop.process().exitCode();
    loop.close();
    System.exit(code);
  }

  /** Runs {@code request}'s job on the loop and sends its outcome. */
  private static void answer(WorkerProcess primary, JobRequest request) {
    Serializable value = null;
    Throwable failure = null;
    try {
      Object result = request.job().compute();
      if (result == null || result instanceof Serializable) {
        value = (Serializable) result;
      } else {
        failure = new IllegalArgumentException("the job's result, a " + result.getClass().getName()
            + ", is not serializable");
      }
    } catch (Throwable t) {
      failure = t;
    }
    try {
      primary.send(new JobReply(request.id(), value, failure));
    } catch (IllegalArgumentException notSerializable) {
      Throwable why = failure != null
          ? RemoteTaskException.describing(failure, notSerializable.getMessage())
          : new IllegalArgumentException("the job's result does not serialize: "
              + notSerializable.getMessage());
      primary.send(new JobReply(request.id(), null, why));
    }
    if (failure instanceof VirtualMachineError e && !(failure instanceof StackOverflowError)) {
      throw e;
    }
  }
}
