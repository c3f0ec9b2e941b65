package io.execmodels.eventloop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario's {@code .js} twin (under {@code src/test/resources/.../order}) with the {@code
 * node} on the PATH and returns the lines it printed; skips the calling test, saying why, where
 * there is no {@code node}.
 */
public final class NodeScript {
  private static final Boolean PRESENT = probe();

  private NodeScript() {}

  private static Boolean probe() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
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

  /** The lines {@code node order/<name>.js} prints. Skips the test if {@code node} is absent. */
  public static List<String> run(String name) throws IOException, InterruptedException {
    assumeTrue(PRESENT, "node is not on the PATH: the comparison with Node's own order of '"
        + name + ".js' is skipped (our order was still checked against Node's documented one)");
    URL url = NodeScript.class.getResource("order/" + name + ".js");
    if (url == null) {
      throw new IllegalArgumentException("no scenario order/" + name + ".js beside the test");
    }
    Path script;
    try {
      script = Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Process p = new ProcessBuilder("node", script.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node " + name + ".js did not end within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("node " + name + ".js exited with " + p.exitValue());
      }
      return out.lines().toList();
    } finally {
      p.destroyForcibly();
    }
  }
}
