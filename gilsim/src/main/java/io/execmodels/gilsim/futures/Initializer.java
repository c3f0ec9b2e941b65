package io.execmodels.gilsim.futures;

import java.io.Serializable;

/**
 * An executor's {@code initializer}: run once by each worker (thread or child process) before
 * its first task. If it throws, the executor is broken ({@link BrokenThreadPool}, {@link
 * BrokenProcessPool}). Serializable so that a process pool can send it to its children; a thread
 * pool never serializes it, so there it may capture anything.
 */
@FunctionalInterface
public interface Initializer extends Serializable {

  /**
   * Prepares the worker.
   *
   * @throws Exception any failure, which breaks the executor
   */
  void run() throws Exception;
}
