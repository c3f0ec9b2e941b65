package io.execmodels.eventloop.cluster;

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
 * Runs a scenario's {@code .js} twin (under {@code src/test/resources/.../cluster/order}) with the
 * {@code node} on the PATH, within 60 s, and returns the lines it printed; skips the calling test,
 * saying why, where there is no {@code node}.
 */
final class NodeScript {
  private NodeScript() {}

  private static boolean present() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The lines {@code node order/<name>.js} prints. */
  static List<String> run(String name) throws IOException, InterruptedException {
    assumeTrue(present(), "node is not on the PATH: the comparison with Node's own order of '"
        + name + ".js' is skipped (ours was still checked against the pinned one)");
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
    File out = File.createTempFile("node-" + name, ".out");
    try {
      Process p = new ProcessBuilder("node", script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(out).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException("node " + name + ".js did not end within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("node " + name + ".js exited with " + p.exitValue());
      }
      return Files.readString(out.toPath(), StandardCharsets.UTF_8).lines().toList();
    } finally {
      Files.deleteIfExists(out.toPath());
    }
  }
}
