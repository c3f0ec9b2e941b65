package io.execmodels.gilsim.asyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * What a Java scenario prints, line by line, in the form its Python twin prints: {@code True} and
 * {@code False}, lists as {@code ['a', 'b']}, exceptions by their Python type name. Thread-safe.
 */
final class Out {
  private final List<String> lines = new ArrayList<>();

  /** Prints the words joined by spaces, as Python's {@code print(*words)}. */
  synchronized void print(Object... words) {
    StringBuilder b = new StringBuilder();
    for (Object w : words) {
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(str(w));
    }
    lines.add(b.toString());
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Python's {@code str}. */
  static String str(Object v) {
    if (v instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    if (v instanceof List<?> list) {
      return list.stream().map(Out::repr).toList().toString();
    }
    return String.valueOf(v);
  }

  private static String repr(Object v) {
    return v instanceof String s ? "'" + s + "'" : str(v);
  }

  /** The Python type name of {@code e}, as this module maps exceptions. */
  static String kind(Throwable e) {
    if (e instanceof CompletionException && e.getCause() != null) {
      return kind(e.getCause());
    }
    if (e instanceof CancellationException) {
      return "CancelledError";
    }
    if (e instanceof TimeoutException) {
      return "TimeoutError";
    }
    if (e instanceof IllegalArgumentException) {
      return "ValueError";
    }
    if (e instanceof IllegalStateException) {
      return "RuntimeError";
    }
    return e.getClass().getSimpleName();
  }

  /** {@code str(e)} of the Python exception {@code e} stands for. */
  static String message(Throwable e) {
    if (e instanceof QueueEmpty || e instanceof QueueFull) {
      return ""; // CPython's carry no message
    }
    String m = String.valueOf(e.getMessage());
    int was = m.indexOf(", was ");
    return was >= 0 ? m.substring(0, was) : m;
  }

  /** A result as {@code kind(x)} of the scripts: an exception's type name, else the value. */
  static Object kindOrValue(Object v) {
    return v instanceof Throwable e ? kind(e) : v;
  }
}
