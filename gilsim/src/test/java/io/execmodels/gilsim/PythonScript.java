package io.execmodels.gilsim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario's {@code .py} twin, a resource beside the test class, with the {@code python3}
 * on the PATH, and returns the lines it printed; skips the calling test, saying why, where there
 * is no {@code python3}. The script gets 60 seconds; its output goes to a file, so a script that
 * hangs cannot hang the test.
 */
public final class PythonScript {
  private static final boolean PRESENT = probe();

  private PythonScript() {}

  private static boolean probe() {
    try {
      Process p = new ProcessBuilder("python3", "--version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The lines {@code python3 <name>} prints, where {@code name} is a resource beside {@code
   * anchor}. Skips the test if {@code python3} is absent.
   */
  public static List<String> run(Class<?> anchor, String name)
      throws IOException, InterruptedException {
    assumeTrue(PRESENT, "python3 is not on the PATH: the comparison with CPython's own output of '"
        + name + "' is skipped");
    URL url = anchor.getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no scenario " + name + " beside " + anchor.getName());
    }
    Path script;
    try {
      script = Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    File out = File.createTempFile("python-", ".out");
    try {
      Process p = new ProcessBuilder("python3", script.toString())
          .redirectOutput(out).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("python3 " + name + " did not end within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("python3 " + name + " exited with " + p.exitValue());
      }
      return Files.readAllLines(out.toPath(), StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out.toPath());
    }
  }
}
