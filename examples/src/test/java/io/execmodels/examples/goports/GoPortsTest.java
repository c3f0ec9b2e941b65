package io.execmodels.examples.goports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each Go port prints what its Go program prints: the output recorded beside the Go source
 * ({@code expected.txt}), and, where {@code go} is installed, the output of running the Go program
 * now.
 */
class GoPortsTest {

  private static final Path GO_SOURCES = Path.of("src", "main", "go");
  /**
   * Where Debian's golang-golang-x-sync-dev puts {@code golang.org/x/sync}, which a program that
   * imports it finds in GOPATH mode (there is no module proxy to fetch it from here).
   */
  private static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");

  private interface Port {
    List<String> output(ExecutionModel model) throws Exception;
  }

  private static void check(String program, Port port) throws Exception {
    List<String> java;
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      java = port.output(model);
    }
    Path dir = GO_SOURCES.resolve(program);
    assertThat(java).as("the port's output against the recorded output of %s/main.go", program)
        .isEqualTo(Files.readAllLines(dir.resolve("expected.txt")));
    List<String> go = runGo(dir, Files.readString(dir.resolve("main.go"))
        .contains("\"golang.org/x/sync/"));
    assertThat(java).as("the port's output against %s/main.go run now", program).isEqualTo(go);
  }

  private static List<String> runGo(Path dir, boolean needsXSync)
      throws IOException, InterruptedException {
    assumeTrue(goInstalled(), "go is not installed ('apt-get install golang-go'): the port was"
        + " checked against the recorded output only");
    ProcessBuilder builder = new ProcessBuilder("go", "run", "main.go")
        .directory(dir.toFile())
        .redirectErrorStream(true);
    if (needsXSync) {
      assumeTrue(Files.isDirectory(DEBIAN_GOPATH.resolve("src/golang.org/x/sync")),
          "golang.org/x/sync is not installed ('apt-get install golang-golang-x-sync-dev'): the"
          + " port was checked against the recorded output only");
      builder.environment().put("GO111MODULE", "off");
      builder.environment().put("GOPATH", DEBIAN_GOPATH.toString());
    }
    Process go = builder.start();
    boolean exited = go.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      go.destroyForcibly();
    }
    String out = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("go run finished").isTrue();
    assertThat(go.exitValue()).as("go run exit status; it printed:%n%s", out).isZero();
    return out.lines().toList();
  }

  private static boolean goInstalled() {
    try {
      Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void thePipelinePortPrintsWhatTheGoPipelinePrints() throws Exception {
    check("pipeline", Pipeline::output);
  }

  @Test
  void theWorkerPoolPortPrintsWhatTheGoWorkerPoolPrints() throws Exception {
    check("workerpool", WorkerPool::output);
  }

  @Test
  void theCommaOkPortPrintsWhatTheGoCommaOkPrints() throws Exception {
    check("commaok", CommaOk::output);
  }

  @Test
  void theNilChannelsPortPrintsWhatTheGoNilChannelsPrints() throws Exception {
    check("nilchan", NilChannels::output);
  }

  @Test
  void theMutexPortPrintsWhatTheGoMutexPrints() throws Exception {
    check("mutex", MutexPort::output);
  }

  @Test
  void theCancelTreePortPrintsWhatTheGoCancelTreePrints() throws Exception {
    check("canceltree", CancelTree::output);
  }

  @Test
  void theTimersPortPrintsWhatTheGoTimersPrints() throws Exception {
    check("timers", TimersPort::output);
  }

  @Test
  void theErrGroupPortPrintsWhatTheGoErrGroupPrints() throws Exception {
    check("errgroup", ErrGroupPort::output);
  }
}
