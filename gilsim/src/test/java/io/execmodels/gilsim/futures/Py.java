package io.execmodels.gilsim.futures;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import io.execmodels.gilsim.Gil;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The scenarios' Python side: runs a {@code .py} beside these tests with {@code python3} and
 * returns its lines (the test is skipped, saying why, without python3), and prints Java values
 * and exceptions the way those scripts print theirs, so that the two outputs compare line by line.
 */
final class Py {
  private static final boolean PRESENT = probe();

  /** Java exception types and the Python ones the scenarios raise in their place. */
  private static final Map<Class<?>, String> NAMES = Map.of(
      TimeoutException.class, "TimeoutError",
      UncheckedTimeoutException.class, "TimeoutError",
      IllegalArgumentException.class, "ValueError",
      ArithmeticException.class, "ZeroDivisionError",
      RejectedExecutionException.class, "RuntimeError");

  private Py() {}

  private static boolean probe() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The lines {@code python3 <name> <args>} prints; skips the test where python3 is absent. */
  static List<String> run(String name, String... args) throws IOException, InterruptedException {
    assumeTrue(PRESENT, "python3 is not on the PATH: the comparison with CPython's own output of '"
        + name + "' is skipped");
    URL url = Py.class.getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no scenario " + name + " beside " + Py.class.getName());
    }
    Path script;
    try {
      script = Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    File out = File.createTempFile("python-", ".out");
    File err = File.createTempFile("python-", ".err");
    try {
      List<String> command = new ArrayList<>(List.of("python3", script.toString()));
      command.addAll(List.of(args));
      // Output to files: a script that hangs cannot hang the test, nor a full pipe the script.
      Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("python3 " + name + " did not end within 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("python3 " + name + " exited with " + p.exitValue()
            + ": " + Files.readString(err.toPath()));
      }
      return Files.readAllLines(out.toPath(), StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }

  /** The Python name of the exception a Java failure stands for (its own simple name if alike). */
  static String name(Throwable t) {
    if (t instanceof ExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    return NAMES.getOrDefault(t.getClass(), t.getClass().getSimpleName());
  }

  /** {@code print(*values)}: space-separated, booleans as True/False, lists as Python's repr. */
  static String line(Object... values) {
    List<String> parts = new ArrayList<>();
    for (Object v : values) {
      parts.add(str(v, false));
    }
    return String.join(" ", parts);
  }

  private static String str(Object v, boolean nested) {
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(x -> str(x, true)).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof String s && nested) {
      return "'" + s + "'";
    }
    return String.valueOf(v);
  }

  /** A body that may throw anything, for {@link #underGil}. */
  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs {@code body} as a thread of {@code gil}, the way a Python script's main thread runs
   * under its interpreter's GIL, and rethrows what it threw.
   */
  static void underGil(Gil gil, Body body) throws Exception {
    Exception[] failure = new Exception[1];
    gil.runAsThread(() -> {
      try {
        body.run();
      } catch (Exception e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
  }
}
