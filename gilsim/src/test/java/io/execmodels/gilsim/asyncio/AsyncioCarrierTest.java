package io.execmodels.gilsim.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which carrier the {@code asyncio} model's threads run on, and that close ends it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncioCarrierTest {

  @Test
  void onItsOwnCarrierTheLoopAndEveryTaskRunOnOnePlatformThreadThatCloseEnds() throws Exception {
    List<String> carriers = new ArrayList<>();
    try (ExecutionModel model = ExecutionModels.open(Config.defaults()
        .withModel(AsyncioModelProvider.NAME).withOption("asyncio.carrier", "own"))) {
      model.run(ctx -> {
        Asyncio.getRunningLoop().callSoon(() -> carriers.add(carrierOf(Thread.currentThread())));
        for (int i = 0; i < 3; i++) {
          Asyncio.createTask(ctx, c -> carriers.add(carrierOf(Thread.currentThread())));
        }
        Asyncio.sleep(ctx, java.time.Duration.ofMillis(1));
        carriers.add(carrierOf(Thread.currentThread()));
        return null;
      });
    }
    assertThat(carriers).hasSize(5).containsOnly("asyncio-carrier");
    assertThat(Thread.getAllStackTraces().keySet()).as("threads alive after close")
        .noneMatch(t -> t.getName().equals("asyncio-carrier") && t.isAlive());
  }

  @Test
  void onTheDefaultSchedulerTheThreadsRunOnTheJdksCarriers() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(Config.defaults()
        .withModel(AsyncioModelProvider.NAME).withOption("asyncio.carrier", "default"))) {
      String where = model.run(ctx -> carrierOf(Thread.currentThread()));
      assertThat(where).startsWith("ForkJoinPool");
    }
  }

  @Test
  void aJvmThatDoesNotOpenJavaLangRunsTheDefaultSchedulerAndRefusesAnOwnCarrier() throws Exception {
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CarrierProbe.class.getName())
        .redirectErrorStream(true)
        .start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("the probe JVM ended; it printed:%n%s", out).isTrue();
    assertThat(out.lines()).as("the probe's lines").contains("carrier default", "sum 5050",
        "own carrier refused: asyncio.carrier=own needs carrier control, which this JVM does not"
            + " allow: add --add-opens java.base/java.lang=ALL-UNNAMED");
  }

  /** The carrier a virtual thread's {@code toString} names after its last '@'. */
  private static String carrierOf(Thread t) {
    String s = t.toString();
    return s.substring(s.lastIndexOf('@') + 1);
  }
}
