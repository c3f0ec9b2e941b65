package io.execmodels.gilsim.threading;

import io.execmodels.gilsim.queue.Queue;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;

/**
 * Writes what a Java call did as the line a scenario's Python twin prints for the same call:
 * {@code label -> True}, {@code label -> RuntimeError: message}. Exceptions are named as this
 * module maps them: IllegalStateException is RuntimeError, IllegalArgumentException ValueError.
 */
public final class PyLines {
  private PyLines() {}

  /** {@code label -> value}, or {@code label -> PythonError: message} if {@code call} threw. */
  public static String attempt(String label, Callable<?> call) {
    try {
      return label + " -> " + value(call.call());
    } catch (Exception e) {
      return label + " -> " + error(e);
    }
  }

  /** {@link #attempt} of a call that returns nothing ({@code None}). */
  public static String attemptVoid(String label, Callable<Void> call) {
    return attempt(label, call);
  }

  /** A value as Python's {@code print} shows it. */
  public static String value(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof List<?> list) {
      return list.stream().map(PyLines::repr).toList().toString();
    }
    return v.toString();
  }

  private static String repr(Object v) {
    return v instanceof String s ? "'" + s + "'" : value(v);
  }

  /**
   * An exception as {@code type(e).__name__ + ": " + str(e)}: the Python name of its type, and its
   * message without the {@code ", was ..."} this module adds to name the bad value.
   */
  public static String error(Throwable e) {
    String name;
    if (e instanceof Queue.Empty) {
      return "Empty:"; // CPython's queue.Empty carries no message
    } else if (e instanceof Queue.Full) {
      return "Full:";
    } else if (e instanceof BrokenBarrierException) {
      return "BrokenBarrierError:";
    } else if (e instanceof IllegalStateException) {
      name = "RuntimeError";
    } else if (e instanceof IllegalArgumentException) {
      name = "ValueError";
    } else {
      name = e.getClass().getSimpleName();
    }
    String message = String.valueOf(e.getMessage());
    int was = message.indexOf(", was ");
    return name + ": " + (was >= 0 ? message.substring(0, was) : message);
  }
}
